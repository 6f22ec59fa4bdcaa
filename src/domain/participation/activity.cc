#include "domain/participation/activity.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace civic {

namespace {

constexpr std::int64_t kHalfHour = 1800;

bool valid_position(double lat, double lng) {
  return std::isfinite(lat) && std::isfinite(lng) && std::abs(lat) <= 90.0 && std::abs(lng) <= 180.0;
}

template <std::size_t N>
bool one_of(std::string_view text, const std::array<std::string_view, N>& options) {
  return std::find(options.begin(), options.end(), text) != options.end();
}

}  // namespace

double service_hours(std::int64_t check_in, std::int64_t check_out, std::int64_t starts_at,
                     std::int64_t ends_at) {
  if (check_out <= check_in || ends_at <= starts_at) return 0.0;
  const std::int64_t seconds = std::min(check_out - check_in, ends_at - starts_at);
  return static_cast<double>(seconds / kHalfHour) * 0.5;
}

double distance_metres(double lat1, double lng1, double lat2, double lng2) {
  constexpr double kRadius = 6371008.8;
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (lat2 - lat1) * kRad;
  const double dlng = (lng2 - lng1) * kRad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlng / 2) * std::sin(dlng / 2);
  return 2.0 * kRadius * std::asin(std::min(1.0, std::sqrt(a)));
}

bool within_check_in_radius(double place_lat, double place_lng, double lat, double lng) {
  if (!valid_position(place_lat, place_lng) || !valid_position(lat, lng)) return false;
  return distance_metres(place_lat, place_lng, lat, lng) <= kCheckInRadiusMetres;
}

bool valid_activity_type(std::string_view type) {
  static constexpr std::array<std::string_view, 6> kTypes{"志愿服务", "宣传",     "文体",
                                                          "环境整治", "文明实践", "其他"};
  return one_of(type, kTypes);
}

bool valid_activity_state(std::string_view state) {
  static constexpr std::array<std::string_view, 3> kStates{"planned", "finished", "cancelled"};
  return one_of(state, kStates);
}

bool valid_service_record_state(std::string_view state) {
  static constexpr std::array<std::string_view, 3> kStates{"pending", "approved", "rejected"};
  return one_of(state, kStates);
}

bool valid_station_level(std::string_view level) {
  static constexpr std::array<std::string_view, 3> kLevels{"center", "institute", "station"};
  return one_of(level, kLevels);
}

}  // namespace civic
