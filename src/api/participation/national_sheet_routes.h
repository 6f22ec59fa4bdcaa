// The national volunteer sheet (service/participation/national_volunteer_sheet.h):
//   GET /api/service-records/export?period=2026H1&unit=&format=xlsx|csv — a period's approved service records
//   in the layout of the national volunteer information system's import, the ID numbers in full
//   (reveal_personal_data; audited service_record.export_national).
#pragma once

#include "http/router.h"
#include "service/participation/national_volunteer_sheet.h"

namespace civic::api {

void add_national_sheet_routes(http::Router& router, service::NationalVolunteerSheet& sheet);

}  // namespace civic::api
