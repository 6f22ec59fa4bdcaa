// ResponseBulkWriter: writes many raw responses of one questionnaire, and their reviews, in a few statements,
// for a generator that owns the database while it runs (the demo's questionnaires step; ResponseService
// stores one response at a time through QuestionnaireRepository). Rows go in with store::BulkInserter (COPY
// on PostgreSQL) inside the caller's transaction when write() is called; write() answers each response's id
// by client id, so the caller can store the counted ones as evidence ("Q<id>", as ResponseService names them)
// and then link_evidence() records those codes on the raw responses in one statement.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/questionnaires/questionnaire_repository.h"

namespace civic::store {

class ResponseBulkWriter {
 public:
  ResponseBulkWriter(soci::session& sql, long long questionnaire_id) : sql_(sql), qid_(questionnaire_id) {}

  // Keeps a response (of this questionnaire; its client_id unique) and its review, if any.
  void add(QuestionnaireResponseRow row, std::optional<QuestionnaireReviewRow> review);
  // Inserts every kept response and review; returns the ids of all the questionnaire's responses by client
  // id.
  std::unordered_map<std::string, long long> write();
  // Sets evidence_code "Q<id>" on each of the questionnaire's responses that has that row in `responses`.
  void link_evidence();

 private:
  soci::session& sql_;
  long long qid_;
  std::vector<QuestionnaireResponseRow> rows_;
  std::vector<std::optional<QuestionnaireReviewRow>> reviews_;
};

}  // namespace civic::store
