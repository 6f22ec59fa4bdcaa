// `--time-zone ZONE` (or the CIVIC_TIME_ZONE environment variable; the flag wins): the business time zone
// that decides which day a thing happened (domain/core/civil_time.h). Default Asia/Shanghai.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace civic::cli {

// Adds --time-zone to `command`, writing the name into `zone`.
void add_time_zone_option(CLI::App& command, std::string& zone);

// Makes `zone` the business time zone; throws InvalidInput("time_zone") naming an unknown zone.
void apply_time_zone(const std::string& zone);

}  // namespace civic::cli
