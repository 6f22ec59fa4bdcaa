// The default framework Civic ships (data/framework/default.json: 7 aspects, 33 indicators, 111 items,
// 100 points), compiled into the binary so that `civic init` finds it from any working directory.
#pragma once

#include <string_view>

#include "domain/evaluation/framework.h"

namespace civic::bundle {

// The JSON text of data/framework/default.json as built.
std::string_view default_framework_json();
// Parsed and validated like any framework (bundle.md rules).
Framework default_framework();

}  // namespace civic::bundle
