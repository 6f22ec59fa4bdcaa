#include "store/questionnaires/response_bulk_writer.h"

#include <stdexcept>

#include "store/core/bulk_insert.h"

namespace civic::store {

namespace {

using Type = BulkInserter::Type;

}  // namespace

void ResponseBulkWriter::add(QuestionnaireResponseRow row, std::optional<QuestionnaireReviewRow> review) {
  if (row.questionnaire_id != qid_) throw std::invalid_argument("a response of another questionnaire");
  rows_.push_back(std::move(row));
  reviews_.push_back(std::move(review));
}

std::unordered_map<std::string, long long> ResponseBulkWriter::write() {
  BulkInserter responses(sql_, "questionnaire_responses",
                         {{"questionnaire_id", Type::integer},
                          {"version", Type::integer},
                          {"client_id", Type::text},
                          {"body_hash", Type::text},
                          {"unit_id", Type::integer},
                          {"attributes", Type::text},
                          {"answers", Type::text},
                          {"status", Type::text},
                          {"flags", Type::text},
                          {"over_quota", Type::integer},
                          {"quota_key", Type::text},
                          {"mode", Type::text},
                          {"interviewer", Type::text},
                          {"assignment_id", Type::integer},
                          {"device_hash", Type::text},
                          {"started_at", Type::integer},
                          {"submitted_at", Type::integer},
                          {"received_at", Type::integer},
                          {"duration_ms", Type::integer},
                          {"lat", Type::real},
                          {"lon", Type::real},
                          {"evidence_code", Type::text}});
  for (const QuestionnaireResponseRow& r : rows_) {
    responses.integer(r.questionnaire_id).integer(r.version).text(r.client_id).text(r.body_hash);
    responses.integer(r.unit_id).text(r.attributes).text(r.answers).text(r.status).text(r.flags);
    responses.integer(r.over_quota ? 1 : 0).text(r.quota_key).text(r.mode).text(r.interviewer);
    responses.integer_or_null(r.assignment_id);
    responses.text(r.device_hash);
    responses.integer_or_null(r.started_at);
    responses.integer(r.submitted_at).integer(r.received_at);
    responses.integer_or_null(r.duration_ms);
    responses.real_or_null(r.lat);
    responses.real_or_null(r.lon);
    responses.text(r.evidence_code);
    responses.end_row();
  }
  responses.flush();

  std::unordered_map<std::string, long long> ids;
  long long id = 0;
  std::string client_id;
  soci::statement st = (sql_.prepare << "SELECT id, client_id FROM questionnaire_responses"
                                        " WHERE questionnaire_id = :q",
                        soci::use(qid_), soci::into(id), soci::into(client_id));
  st.execute();
  while (st.fetch()) ids[client_id] = id;

  BulkInserter reviews(sql_, "questionnaire_reviews",
                       {{"response_id", Type::integer},
                        {"decision", Type::text},
                        {"reason", Type::text},
                        {"reviewed_by", Type::text},
                        {"reviewed_at", Type::integer}});
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    if (!reviews_[i]) continue;
    auto found = ids.find(rows_[i].client_id);
    if (found == ids.end()) throw std::runtime_error("response " + rows_[i].client_id + " was not stored");
    const QuestionnaireReviewRow& v = *reviews_[i];
    reviews.integer(found->second).text(v.decision).text(v.reason).text(v.reviewed_by).integer(v.reviewed_at);
    reviews.end_row();
  }
  reviews.flush();
  rows_.clear();
  reviews_.clear();
  return ids;
}

void ResponseBulkWriter::link_evidence() {
  sql_ << "UPDATE questionnaire_responses SET evidence_code = 'Q' || CAST(id AS TEXT)"
          " WHERE questionnaire_id = :q AND EXISTS (SELECT 1 FROM responses e"
          " WHERE e.code = 'Q' || CAST(questionnaire_responses.id AS TEXT))",
      soci::use(qid_);
}

}  // namespace civic::store
