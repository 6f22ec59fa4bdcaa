// Activities (participation.md "Activities", "Volunteers" service records): the rules that need no
// database — the hours a service record earns, and whether a check-in position is near the activity's place.
#pragma once

#include <cstdint>
#include <string_view>

namespace civic {

// The hours a record from `check_in` to `check_out` (seconds since the epoch) earns for an activity from
// `starts_at` to `ends_at`: the length rounded DOWN to 0.5 h, at most the activity's length (itself rounded
// down to 0.5 h), 0 when check_out ≤ check_in or the activity has no length.
double service_hours(std::int64_t check_in, std::int64_t check_out, std::int64_t starts_at,
                     std::int64_t ends_at);

// The great-circle distance in metres between two WGS-84 positions in degrees (haversine, mean Earth
// radius 6371008.8 m).
double distance_metres(double lat1, double lng1, double lat2, double lng2);

// The check-in radius: a position farther than this from the activity's place needs the organiser's
// confirmation.
inline constexpr double kCheckInRadiusMetres = 500.0;

// Whether a check-in at (lat, lng) is within kCheckInRadiusMetres (inclusive) of the place at
// (place_lat, place_lng). A position out of range (|lat| > 90, |lng| > 180, not finite) is never near.
bool within_check_in_radius(double place_lat, double place_lng, double lat, double lng);

// Activity types: 志愿服务 宣传 文体 环境整治 文明实践 其他.
bool valid_activity_type(std::string_view type);
// Activity states: planned, finished, cancelled.
bool valid_activity_state(std::string_view state);
// Service record states: pending, approved, rejected.
bool valid_service_record_state(std::string_view state);
// Practice station levels: center (中心), institute (所), station (站).
bool valid_station_level(std::string_view level);

}  // namespace civic
