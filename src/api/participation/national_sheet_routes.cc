#include "api/participation/national_sheet_routes.h"

#include "api/core/authentication.h"
#include "api/core/route_permission.h"
#include "api/core/table_download.h"

namespace civic::api {

void add_national_sheet_routes(http::Router& router, service::NationalVolunteerSheet& sheet) {
  using service::Permission;
  router.get(
      "/api/service-records/export",
      [&sheet](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        require_table_format(format);
        auto lines = sheet.lines(principal_of(request), request.query_param("unit").value_or(""),
                                 request.query_param("period").value_or(""));
        platform::Cells cells{service::NationalVolunteerSheet::header()};
        for (size_t i = 0; i < lines.size(); ++i)
          cells.push_back(service::NationalVolunteerSheet::cells(lines[i], i + 1));
        return table_download(cells, format, "volunteer-service-records", "志愿服务记录");
      },
      needs(Permission::reveal_personal_data));
}

}  // namespace civic::api
