// Parses a `civic-bundle/1` JSON document and checks every rule of bundle.md before returning
// anything: a bundle that breaks a rule is rejected whole with civic::InvalidInput whose field is
// the JSON path of the problem (e.g. `inspections[3].site`) and whose message says what is wrong
// (e.g. `unknown site "S99"`). Unknown keys are ignored; optional extensions (name_en, text_en,
// lead_unit, responsible_units, description, negative_list, questions, site_types, version) are read.
#pragma once

#include <string>
#include <string_view>

#include "bundle/bundle.h"

namespace civic::bundle {

Bundle read_bundle(std::string_view json_text);
// Reads the file at `path`; an unreadable file is InvalidInput on field "bundle".
Bundle read_bundle_file(const std::string& path);

}  // namespace civic::bundle
