// ApiOptions: how the /api routes are served (cookies, the OpenAPI document).
#pragma once

#include <string>

namespace civic::api {

struct ApiOptions {
  bool secure_cookies = false;  // add `Secure` to the session cookie (when served over HTTPS)
  // The OpenAPI document served at GET /api/openapi.json: the text of docs/openapi.yaml, which is kept in the
  // JSON subset of YAML so that it is served as is. Empty: the endpoint answers 404.
  std::string openapi_json;
  // Public questionnaire answers (POST /api/public/questionnaires/{code}/responses): a token bucket per
  // client address, refilled at this rate (`civic serve --survey-answers-per-minute`) and holding up to
  // `burst`.
  double survey_answers_per_minute = 30;
  double survey_answer_burst = 60;
};

}  // namespace civic::api
