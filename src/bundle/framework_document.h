// A framework alone as a JSON document (the `framework` member of bundle.md), as the database stores
// each framework version. read_framework_document checks the same rules as read_bundle; its errors
// name paths under "framework".
#pragma once

#include <string>
#include <string_view>

#include "domain/evaluation/framework.h"

namespace civic::bundle {

std::string write_framework_document(const Framework& framework);
Framework read_framework_document(std::string_view json_text);

}  // namespace civic::bundle
