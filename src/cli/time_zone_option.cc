#include "cli/time_zone_option.h"

#include "domain/core/civil_time.h"

namespace civic::cli {

void add_time_zone_option(CLI::App& command, std::string& zone) {
  command
      .add_option("--time-zone", zone,
                  "Business time zone that decides the day of a case, inspection or task: an offset "
                  "(+08:00, UTC+8), UTC, or a zone such as Asia/Shanghai")
      ->envname("CIVIC_TIME_ZONE")
      ->capture_default_str();
}

void apply_time_zone(const std::string& zone) {
  set_business_time_zone(time_zone_named(zone));
}

}  // namespace civic::cli
