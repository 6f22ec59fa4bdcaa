// Writes a Bundle as a `civic-bundle/1` document that read_bundle reads back to an equal bundle
// (optional fields are written only when present). Used by `civic export`.
#pragma once

#include <boost/json/value.hpp>
#include <string>

#include "bundle/bundle.h"

namespace civic::bundle {

boost::json::value bundle_to_json(const Bundle& bundle);
std::string write_bundle(const Bundle& bundle);

}  // namespace civic::bundle
