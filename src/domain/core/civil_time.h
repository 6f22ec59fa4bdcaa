// The business day: which calendar day a moment belongs to, in the city's time zone (design.md §6: times
// are stored in UTC and shown in Asia/Shanghai by default). Every place that turns a TimeMs into a date
// (case codes, inspection evidence dates, plan "today", reminders, period windows) or a date into a TimeMs
// (a bare date in a query is the start of that day) goes through here, so that a case reported at 07:00 on
// 1 July Beijing time (23:00 UTC on 30 June) is a 1 July case, in H2, like an inspection at that moment.
//
// Zones are fixed offsets: "UTC", "+08:00" / "UTC+8" / "UTC+05:30", or an IANA name of the small table of
// zones China and its neighbours use today (Asia/Shanghai = UTC+8, none observes daylight saving time; past
// offset changes are not modelled). The business zone is a process-wide setting, chosen once at start-up
// (`--time-zone`, CIVIC_TIME_ZONE) before any request is served; it is Asia/Shanghai until then.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/core/civil_date.h"
#include "domain/core/clock.h"

namespace civic {

struct TimeZone {
  std::string name;        // as given, e.g. "Asia/Shanghai" or "+08:00"
  int offset_minutes = 0;  // east of UTC: Asia/Shanghai is +480

  friend bool operator==(const TimeZone&, const TimeZone&) = default;
};

// The zone a name denotes; nullopt for an unknown name.
std::optional<TimeZone> find_time_zone(std::string_view name);
// The same, throwing InvalidInput("time_zone", key time_zone.unknown) for an unknown name.
TimeZone time_zone_named(std::string_view name);

// The business zone; Asia/Shanghai until set.
const TimeZone& business_time_zone();
// Set at start-up, before other threads read it.
void set_business_time_zone(const TimeZone& zone);

// The calendar day that holds `t` in `zone` (the business zone when not given).
CivilDate civil_date_of(TimeMs t, const TimeZone& zone);
CivilDate civil_date_of(TimeMs t);
// day_number(civil_date_of(t)): the business day as an integer, for date arithmetic.
int civil_day_number_of(TimeMs t);

// The first millisecond of `date` in `zone` (the business zone when not given).
TimeMs start_of_day(const CivilDate& date, const TimeZone& zone);
TimeMs start_of_day(const CivilDate& date);

// A span of whole business days: [start of `first`, start of the day after `last`).
struct TimeWindow {
  TimeMs start = 0, end = 0;
  bool contains(TimeMs t) const { return start <= t && t < end; }
};
TimeWindow days_window(const CivilDate& first, const CivilDate& last);

}  // namespace civic
