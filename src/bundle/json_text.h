// Serializes a Boost.JSON value as indented text with numbers in their shortest round-trip form
// (2.5, not 2.5E0), so that files and `civic score` output are readable and lose no precision.
#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace civic::bundle {

std::string to_json_text(const boost::json::value& value, int indent = 1);

// A double as a JSON value: non-finite numbers become null.
boost::json::value json_number(double v);

}  // namespace civic::bundle
