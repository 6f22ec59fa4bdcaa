// Reading query parameters; a bad value throws InvalidInput naming the parameter.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "http/request.h"

namespace civic::api {

// `page` (from 1) and `page_size` (default 20, at most 200), validated.
PageRequest page_request(const http::Request& request);
// A time as RFC 3339 UTC ("2026-03-01T08:00:00Z", fractions allowed) or a date ("2026-03-01", its start).
std::optional<TimeMs> time_param(const http::Request& request, std::string_view name);

}  // namespace civic::api
