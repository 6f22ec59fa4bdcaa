// Internal to service/participation's ActivityService (split over activity_service.cc, service_records.cc,
// practice_stations.cc and volunteer_certificates.cc): the conversions from stored rows to service types, the
// codes and tokens it draws, and the checks its parts share. Not for other modules.
#pragma once

#include <optional>
#include <string>

#include "domain/core/error.h"
#include "service/core/principal.h"
#include "service/participation/activity_service.h"
#include "store/participation/activity_repository.h"

namespace civic::service::activity_support {

std::string random_code(const char* prefix);
std::string random_token();
std::string random_verification_code();
bool blank(const std::string& s);
// Who a phone's call (no account) acts as in the audit log.
Principal public_caller();
std::string ymd(TimeMs t);
std::string hours_text(double h);

ServiceRecord record_of(const store::ServiceRecordRow& r, const std::string& masked_name);
// What a record's audit record shows of it.
std::string record_json(const store::ServiceRecordRow& r);
Activity activity_of(const store::ActivityRow& r, bool show_token);
NotFound activity_not_found(const std::string& code);
void check_position(const std::optional<double>& lat, const std::optional<double>& lng, const char* field);
// Whether a position sent by a phone is far from the activity's place (needs the organiser's confirmation).
// No position sent, while the activity has a place position: far too (it cannot be checked).
bool far_from(const store::ActivityRow& a, const std::optional<double>& lat,
              const std::optional<double>& lng);
double hours_of(const store::ServiceRecordRow& r, const store::ActivityRow& a);
// The activity `code` for a change by `who` (scope) or by a phone (`token`; nullptr: an officer); a cancelled
// one is 409 activity.state, a wrong token 403 activity.token.invalid.
store::ActivityRow activity_for_change(store::ActivityRepository& repo, const Principal* who,
                                       const std::string& code, const std::string* token);

}  // namespace civic::service::activity_support
