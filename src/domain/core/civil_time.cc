#include "domain/core/civil_time.h"

#include <utility>

#include "domain/core/error.h"

namespace civic {

namespace {

constexpr TimeMs kMinuteMs = 60'000;
constexpr TimeMs kDayMs = 24 * 60 * kMinuteMs;
constexpr int kMaxOffsetMinutes = 14 * 60;

// IANA zones of China and its neighbours, with the offset each keeps all year today.
constexpr std::pair<std::string_view, int> kNamedZones[] = {
    {"Asia/Shanghai", 480},
    {"Asia/Chongqing", 480},
    {"Asia/Harbin", 480},
    {"Asia/Urumqi", 360},
    {"Asia/Hong_Kong", 480},
    {"Asia/Macau", 480},
    {"Asia/Taipei", 480},
    {"Asia/Ulaanbaatar", 480},
    {"Asia/Pyongyang", 540},
    {"Asia/Seoul", 540},
    {"Asia/Tokyo", 540},
    {"Asia/Manila", 480},
    {"Asia/Singapore", 480},
    {"Asia/Kuala_Lumpur", 480},
    {"Asia/Ho_Chi_Minh", 420},
    {"Asia/Bangkok", 420},
    {"Asia/Vientiane", 420},
    {"Asia/Phnom_Penh", 420},
    {"Asia/Jakarta", 420},
    {"Asia/Yangon", 390},
    {"Asia/Dhaka", 360},
    {"Asia/Thimphu", 360},
    {"Asia/Kathmandu", 345},
    {"Asia/Kolkata", 330},
    {"Asia/Karachi", 300},
    {"Asia/Almaty", 300},
    {"Asia/Bishkek", 360},
    {"Asia/Tashkent", 300},
    {"Asia/Dushanbe", 300},
    {"Asia/Kabul", 270},
    {"Etc/UTC", 0},
    {"UTC", 0},
};

bool two_digits(std::string_view s, int& out) {
  if (s.size() != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9') return false;
  out = (s[0] - '0') * 10 + (s[1] - '0');
  return true;
}

// "+08:00", "-05:30", "+8", "+08", "+0530"; the sign is required.
std::optional<int> parse_offset(std::string_view s) {
  if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  int sign = s[0] == '+' ? 1 : -1;
  std::string_view rest = s.substr(1);
  int hours = 0, minutes = 0;
  if (rest.size() == 1 && rest[0] >= '0' && rest[0] <= '9') {
    hours = rest[0] - '0';
  } else if (rest.size() == 2) {
    if (!two_digits(rest, hours)) return std::nullopt;
  } else if (rest.size() == 5 && rest[2] == ':') {
    if (!two_digits(rest.substr(0, 2), hours) || !two_digits(rest.substr(3), minutes)) return std::nullopt;
  } else if (rest.size() == 4) {
    if (!two_digits(rest.substr(0, 2), hours) || !two_digits(rest.substr(2), minutes)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  int total = hours * 60 + minutes;
  if (minutes > 59 || total > kMaxOffsetMinutes) return std::nullopt;
  return sign * total;
}

TimeZone& business_zone() {
  static TimeZone zone{"Asia/Shanghai", 480};
  return zone;
}

TimeMs floor_div(TimeMs a, TimeMs b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

}  // namespace

std::optional<TimeZone> find_time_zone(std::string_view name) {
  for (const auto& [zone, offset] : kNamedZones) {
    if (zone == name) return TimeZone{std::string(name), offset};
  }
  std::string_view offset_text = name;
  if (name.substr(0, 3) == "UTC" || name.substr(0, 3) == "GMT") offset_text = name.substr(3);
  if (auto offset = parse_offset(offset_text)) return TimeZone{std::string(name), *offset};
  return std::nullopt;
}

TimeZone time_zone_named(std::string_view name) {
  if (auto zone = find_time_zone(name)) return *zone;
  std::string text(name);
  throw InvalidInput("time_zone",
                     "unknown time zone \"" + text +
                         "\": use an offset such as +08:00 or UTC+8, UTC, or a zone such as Asia/Shanghai",
                     message_key("time_zone.unknown", {{"zone", text}}));
}

const TimeZone& business_time_zone() {
  return business_zone();
}

void set_business_time_zone(const TimeZone& zone) {
  business_zone() = zone;
}

CivilDate civil_date_of(TimeMs t, const TimeZone& zone) {
  TimeMs local = t + zone.offset_minutes * kMinuteMs;
  return date_from_day_number(static_cast<int>(floor_div(local, kDayMs)));
}

CivilDate civil_date_of(TimeMs t) {
  return civil_date_of(t, business_zone());
}

int civil_day_number_of(TimeMs t) {
  return day_number(civil_date_of(t));
}

TimeMs start_of_day(const CivilDate& date, const TimeZone& zone) {
  return static_cast<TimeMs>(day_number(date)) * kDayMs - zone.offset_minutes * kMinuteMs;
}

TimeMs start_of_day(const CivilDate& date) {
  return start_of_day(date, business_zone());
}

TimeWindow days_window(const CivilDate& first, const CivilDate& last) {
  return {start_of_day(first), start_of_day(date_from_day_number(day_number(last) + 1))};
}

}  // namespace civic
