// Serializes a Boost.JSON value with numbers in their shortest round-trip form (81.2, not 8.12E1), so that
// files, `civic score` output and API answers are readable and lose no precision. indent 0 is one line (the
// HTTP API; stored framework documents, so the exact text must not change); indent > 0 pretty-prints.
// Short arrays of scalars are written "[a, b]" in both forms.
#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace civic {

std::string to_json_text(const boost::json::value& value, int indent = 1);

// A double as a JSON value: non-finite numbers become null.
boost::json::value json_number(double v);

}  // namespace civic
