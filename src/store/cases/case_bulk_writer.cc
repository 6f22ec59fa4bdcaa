#include "store/cases/case_bulk_writer.h"

#include <stdexcept>

#include "store/core/bulk_insert.h"

namespace civic::store {

namespace {

using Type = BulkInserter::Type;

}  // namespace

std::string CaseBulkWriter::next_code(const std::string& yyyymmdd) {
  auto it = last_by_day_.find(yyyymmdd);
  if (it == last_by_day_.end()) {
    long long last = 0;
    soci::indicator ind = soci::i_null;
    sql_ << "SELECT last_value FROM case_code_sequences WHERE day = :d", soci::use(yyyymmdd),
        soci::into(last, ind);
    it = last_by_day_.emplace(yyyymmdd, sql_.got_data() && ind == soci::i_ok ? last : 0).first;
  }
  std::string seq = std::to_string(++it->second);
  if (seq.size() < 5) seq.insert(0, 5 - seq.size(), '0');
  return "C" + yyyymmdd + "-" + seq;
}

void CaseBulkWriter::add(CaseRow row, std::vector<CaseEventRow> events) {
  rows_.push_back(std::move(row));
  events_.push_back(std::move(events));
}

std::size_t CaseBulkWriter::write() {
  BulkInserter cases(sql_, "cases",
                     {{"code", Type::text},
                      {"title", Type::text},
                      {"description", Type::text},
                      {"category", Type::text},
                      {"severity", Type::text},
                      {"state", Type::text},
                      {"source", Type::text},
                      {"unit_id", Type::integer},
                      {"reporting_unit_id", Type::integer},
                      {"site_id", Type::integer},
                      {"item", Type::text},
                      {"check_code", Type::text},
                      {"inspection", Type::text},
                      {"failure_count", Type::integer},
                      {"lat", Type::real},
                      {"lon", Type::real},
                      {"address", Type::text},
                      {"photos", Type::text},
                      {"contact", Type::text},
                      {"reporter_user_id", Type::integer},
                      {"reported_at", Type::integer},
                      {"first_dispatched_at", Type::integer},
                      {"due_at", Type::integer},
                      {"closed_at", Type::integer},
                      {"outcome", Type::text},
                      {"escalation_level", Type::integer},
                      {"rework_count", Type::integer},
                      {"reopen_count", Type::integer},
                      {"send_back_count", Type::integer},
                      {"postponement_pending", Type::integer},
                      {"postponement_approved", Type::integer},
                      {"handled_once", Type::integer},
                      {"requested_due_at", Type::integer},
                      {"possible_duplicate_of", Type::text},
                      {"duplicate_of", Type::text},
                      {"version", Type::integer},
                      {"updated_at", Type::integer}});
  std::vector<std::string> codes;
  codes.reserve(rows_.size());
  for (const CaseRow& r : rows_) {
    cases.text(r.code).text(r.title).text(r.description).text(r.category).text(r.severity).text(r.state);
    cases.text(r.source);
    cases.integer_or_null(r.unit_id);
    cases.integer_or_null(r.reporting_unit_id);
    cases.integer_or_null(r.site_id);
    cases.text_or_null(r.item);
    cases.text_or_null(r.check_code);
    cases.text_or_null(r.inspection);
    cases.integer(r.failure_count);
    cases.real_or_null(r.lat);
    cases.real_or_null(r.lon);
    cases.text(r.address).text(r.photos).text(r.contact);
    cases.integer_or_null(r.reporter_user_id);
    cases.integer(r.reported_at);
    cases.integer_or_null(r.first_dispatched_at);
    cases.integer_or_null(r.due_at);
    cases.integer_or_null(r.closed_at);
    cases.text_or_null(r.outcome);
    cases.integer(r.escalation_level)
        .integer(r.rework_count)
        .integer(r.reopen_count)
        .integer(r.send_back_count);
    cases.integer(r.postponement_pending ? 1 : 0).integer(r.postponement_approved ? 1 : 0);
    cases.integer(r.handled_once ? 1 : 0);
    cases.integer_or_null(r.requested_due_at);
    cases.text_or_null(r.possible_duplicate_of);
    cases.text_or_null(r.duplicate_of);
    cases.integer(1).integer(r.updated_at);
    cases.end_row();
    codes.push_back(r.code);
  }
  cases.flush();

  auto ids = ids_by_code(sql_, "cases", codes);
  BulkInserter events(sql_, "case_events",
                      {{"case_id", Type::integer},
                       {"seq", Type::integer},
                       {"action", Type::text},
                       {"from_state", Type::text},
                       {"to_state", Type::text},
                       {"actor_user_id", Type::integer},
                       {"actor", Type::text},
                       {"actor_name", Type::text},
                       {"at", Type::integer},
                       {"note", Type::text},
                       {"reason", Type::text},
                       {"photos", Type::text},
                       {"data", Type::text}});
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    auto id = ids.find(rows_[i].code);
    if (id == ids.end()) throw std::runtime_error("case " + rows_[i].code + " was not stored");
    for (const CaseEventRow& e : events_[i]) {
      events.integer(id->second).integer(e.seq).text(e.action).text(e.from_state).text(e.to_state);
      events.integer_or_null(e.actor_user_id);
      events.text(e.actor).text(e.actor_name).integer(e.at).text(e.note).text(e.reason).text(e.photos);
      events.text(e.data);
      events.end_row();
    }
  }
  events.flush();

  for (const auto& [day, last] : last_by_day_) {
    sql_ << "INSERT INTO case_code_sequences (day, last_value) VALUES (:d, :v)"
            " ON CONFLICT (day) DO UPDATE SET last_value = excluded.last_value",
        soci::use(day), soci::use(last);
  }
  std::size_t written = rows_.size();
  rows_.clear();
  events_.clear();
  return written;
}

}  // namespace civic::store
