#include "api/core/openapi_routes.h"

#include "domain/core/error.h"

namespace civic::api {

void add_openapi_routes(http::Router& router, const ApiOptions& options) {
  router.get("/api/openapi.json",
             [document = options.openapi_json](http::Request&) {
               if (document.empty())
                 throw NotFound("the OpenAPI document was not loaded (docs/openapi.yaml)",
                                message_key("openapi.not_loaded"));
               http::Response response;
               response.set_header("Content-Type", "application/json; charset=utf-8");
               response.body = document;
               return response;
             },
             {.is_public = true});
}

}  // namespace civic::api
