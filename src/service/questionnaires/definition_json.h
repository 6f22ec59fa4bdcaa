// The JSON form of a questionnaire definition (docs/questionnaires.md "Questionnaire") and of a response's
// attributes and answers: one codec for what the API reads and writes and for the frozen versions stored in
// questionnaire_versions. Reading throws InvalidInput naming the JSON path ("questions[2].options",
// "answers.Q3") with a questionnaire.* or response.* key.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <string>

#include "domain/questionnaires/questionnaire.h"

namespace civic::service {

// The definition members of `o` (code, title, intro, units, attributes, questions, quotas, min_n); other
// members (state, revision, …) are ignored. `code` may be absent when `code_required` is false.
QuestionnaireDefinition definition_from_json(const boost::json::object& o, bool code_required = true);
boost::json::object definition_to_json(const QuestionnaireDefinition& d, bool with_items = true);

QuestionnaireDefinition definition_from_text(const std::string& text);
std::string definition_to_text(const QuestionnaireDefinition& d);

// `answers` of a response body: each a string (or a number, read as its text: 4 → "4") or a list of strings.
std::map<std::string, QnAnswer> answers_from_json(const boost::json::value* v);
boost::json::object answers_to_json(const std::map<std::string, QnAnswer>& answers);
// `attributes` of a response body: each a string.
std::map<std::string, std::string> attributes_from_json(const boost::json::value* v);
boost::json::object attributes_to_json(const std::map<std::string, std::string>& attributes);

boost::json::object local_text_json(const LocalText& t);

}  // namespace civic::service
