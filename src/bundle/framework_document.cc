#include "bundle/framework_document.h"

#include <boost/json.hpp>

#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "json/json_text.h"

namespace civic::bundle {

namespace json = boost::json;

std::string write_framework_document(const Framework& framework) {
  Bundle b;
  b.framework = framework;
  return to_json_text(bundle_to_json(b).as_object().at("framework"), 0);
}

Framework read_framework_document(std::string_view json_text) {
  // The bundle reader owns every framework rule; a one-unit bundle around the document reuses it whole.
  json::object doc;
  doc["format"] = kFormat;
  doc["framework"] = json::parse(json_text);
  doc["units"] = json::array{json::object{{"code", "_"}, {"parent", nullptr}}};
  return read_bundle(json::serialize(doc)).framework;
}

}  // namespace civic::bundle
