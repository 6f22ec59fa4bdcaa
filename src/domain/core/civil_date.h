// A calendar date without time zone (ISO 8601 `YYYY-MM-DD`), as periods, inspections and responses
// carry it. `day_number` is days since 1970-01-01 so that dates compare and subtract as integers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace civic {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31, valid for the month

  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// Parses exactly `YYYY-MM-DD` of a real date (2026-02-30 is rejected); nullopt otherwise.
std::optional<CivilDate> parse_iso_date(std::string_view text);

// `YYYY-MM-DD`.
std::string to_iso(const CivilDate& date);

// Days since 1970-01-01 (negative before), and back.
int day_number(const CivilDate& date);
CivilDate date_from_day_number(int days);

}  // namespace civic
