// Questionnaires (问卷调查): the routes of docs/questionnaires.md "Endpoints".
//   GET|POST /api/questionnaires, GET|PUT /api/questionnaires/{code}, GET …/{code}/versions[/{n}],
//   POST …/{code}/actions/publish|close|reopen, GET|POST …/{code}/assignments, DELETE …/assignments/{id},
//   GET …/{code}/quotas, GET …/{code}/responses[/export], GET …/{code}/results[/export], GET
//   …/{code}/crosstab, GET /api/my/survey-assignments, POST /api/responses (interviewers), POST
//   /api/responses/{id}/actions/ accept|reject, and without sign-in GET
//   /api/public/questionnaires/{code}?unit= and POST /api/public/questionnaires/{code}/responses (no CSRF; a
//   token bucket per client address: ApiOptions::survey_answers_per_minute / survey_answer_burst, 429
//   rate_limited; bodies ≤ 64 KiB, else 413).
#pragma once

#include "api/core/api_options.h"
#include "http/router.h"
#include "service/questionnaires/questionnaire_service.h"
#include "service/questionnaires/response_service.h"
#include "service/questionnaires/results_service.h"

namespace civic::api {

inline constexpr size_t kSurveyBodyLimit = 64 * 1024;

void add_questionnaire_routes(http::Router& router, service::QuestionnaireService& questionnaires,
                              service::ResponseService& responses, service::ResultsService& results,
                              const ApiOptions& options);

}  // namespace civic::api
