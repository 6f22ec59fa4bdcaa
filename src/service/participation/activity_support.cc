#include "service/participation/activity_support.h"

#include <sodium.h>

#include <cstdio>

#include "domain/participation/activity.h"
#include "service/core/json_text.h"

namespace civic::service::activity_support {

namespace {

std::string random_text(const char* alphabet, size_t length) {
  std::string out;
  const auto n = static_cast<uint32_t>(std::char_traits<char>::length(alphabet));
  for (size_t i = 0; i < length; ++i) out += alphabet[randombytes_uniform(n)];
  return out;
}

}  // namespace

std::string random_code(const char* prefix) {
  return prefix + random_text("0123456789", 8);
}
// 128 bits: a QR token is a bearer secret.
std::string random_token() {
  return random_text("abcdefghijkmnpqrstuvwxyz23456789", 26);
}
// 20 characters without look-alikes (0/O, 1/I/L), for typing from paper.
std::string random_verification_code() {
  return random_text("ABCDEFGHJKMNPQRSTUVWXYZ23456789", 20);
}

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

Principal public_caller() {
  Principal p;
  p.username = "public";
  return p;
}

std::string ymd(TimeMs t) {
  return format_rfc3339(t).substr(0, 10);
}

std::string hours_text(double h) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", h);
  return buf;
}

ServiceRecord record_of(const store::ServiceRecordRow& r, const std::string& masked_name) {
  ServiceRecord s;
  s.id = r.id;
  s.volunteer = r.volunteer_code;
  s.volunteer_name = masked_name;
  s.activity = r.activity_code;
  s.check_in = r.check_in;
  s.check_out = r.check_out;
  s.hours = r.hours;
  s.state = r.state;
  s.needs_confirmation = r.needs_confirmation;
  s.latitude = r.latitude;
  s.longitude = r.longitude;
  s.version = r.version;
  s.supersedes = r.supersedes;
  s.latest = r.latest;
  s.entered_by = r.entered_by;
  s.decided_by = r.decided_by;
  s.decided_at = r.decided_at;
  s.created_at = r.created_at;
  s.reason = r.decision_reason;
  return s;
}

std::string record_json(const store::ServiceRecordRow& r) {
  return JsonText()
      .add("id", r.id)
      .add("volunteer", r.volunteer_code)
      .add("activity", r.activity_code)
      .add("check_in", r.check_in > 0 ? format_rfc3339(r.check_in) : "")
      .add("check_out", r.check_out > 0 ? format_rfc3339(r.check_out) : "")
      .add("hours", r.hours)
      .add("state", r.state)
      .add("needs_confirmation", r.needs_confirmation)
      .add("version", r.version)
      .add("latest", r.latest)
      .add("reason", r.decision_reason)
      .str();
}

Activity activity_of(const store::ActivityRow& r, bool show_token) {
  Activity a;
  a.code = r.code;
  a.unit = r.unit_code;
  a.unit_name = r.unit_name;
  a.type = r.type;
  a.title = r.title;
  a.starts_at = r.starts_at;
  a.ends_at = r.ends_at;
  a.place = r.place;
  a.latitude = r.latitude;
  a.longitude = r.longitude;
  a.site = r.site_code;
  a.station = r.station_code;
  a.capacity = r.capacity;
  a.description = r.description;
  a.news_link = r.news_link;
  a.participants_count = r.participants_count;
  a.signup_count = r.signups;
  a.qr_token = show_token ? r.qr_token : "";
  a.state = r.state;
  a.cancel_reason = r.cancel_reason;
  a.version = r.version;
  a.created_by = r.created_by;
  a.created_at = r.created_at;
  return a;
}

NotFound activity_not_found(const std::string& code) {
  return NotFound("no activity " + code, message_key("activity.not_found", {{"code", code}}));
}

void check_position(const std::optional<double>& lat, const std::optional<double>& lng, const char* field) {
  if (lat.has_value() != lng.has_value() || (lat && (std::abs(*lat) > 90 || std::abs(*lng) > 180)))
    throw InvalidInput(field, "a position is a latitude in [-90, 90] and a longitude in [-180, 180]",
                       message_key("activity.position.invalid"));
}

// Whether a position sent by a phone is far from the activity's place (needs the organiser's confirmation).
// No position sent, while the activity has a place position: far too (it cannot be checked).
bool far_from(const store::ActivityRow& a, const std::optional<double>& lat,
              const std::optional<double>& lng) {
  if (!a.latitude || !a.longitude) return false;
  if (!lat || !lng) return true;
  return !within_check_in_radius(*a.latitude, *a.longitude, *lat, *lng);
}

double hours_of(const store::ServiceRecordRow& r, const store::ActivityRow& a) {
  return service_hours(r.check_in / 1000, r.check_out / 1000, a.starts_at / 1000, a.ends_at / 1000);
}

store::ActivityRow activity_for_change(store::ActivityRepository& repo, const Principal* who,
                                       const std::string& code, const std::string* token) {
  auto row = repo.find(code);
  if (!row || (who && !who->in_scope(row->unit_path))) throw activity_not_found(code);
  if (token && (token->size() != row->qr_token.size() ||
                sodium_memcmp(token->data(), row->qr_token.data(), token->size()) != 0))
    throw Forbidden("the activity's QR token does not match", message_key("activity.token.invalid"));
  if (row->state == "cancelled")
    throw Conflict("activity " + code + " is cancelled", "state",
                   message_key("activity.state", {{"state", row->state}}));
  return *row;
}

}  // namespace civic::service::activity_support
