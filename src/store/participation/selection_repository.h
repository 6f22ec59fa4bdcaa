// SelectionRepository: the tables of migration 20 — selections and their criteria, candidates with their
// stage events, the panel's scores and the public's objections (the contact phone sealed; opaque text here,
// service/participation seals and opens it). Over the caller's session and transaction.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

class SqlParams;

struct SelectionCriterionRow {
  std::string code, text;
  double max_points = 0;
};

struct SelectionRow {
  long long id = 0;
  std::string code, kind, title, period;
  long long quota = 0, notice_days = 0, term_years = 0;
  TimeMs nomination_deadline = 0, review_deadline = 0, scoring_deadline = 0;
  std::string created_by;
  TimeMs created_at = 0;
  // filled by find(), in sort order
  std::vector<SelectionCriterionRow> criteria;
};

struct SelectionCandidateRow {
  long long id = 0;
  std::string code;
  long long selection_id = 0;
  std::string name;
  long long unit_id = 0, nominated_by_unit_id = 0;
  std::string nominated_by, materials, stage, withdrawn_reason;
  TimeMs notice_started_at = 0, named_at = 0, title_valid_until = 0, reexamined_at = 0;
  TimeMs created_at = 0, updated_at = 0;
  // filled by reads
  std::string selection_code, unit_code, unit_name, unit_path, nominated_by_unit_code;
  long long scores = 0, objections = 0, open_objections = 0;
  double score_sum = 0;
  // recorded negative-list events in the candidate's unit after it was named or last re-examined
  long long negative_events = 0;
};

struct SelectionScoreRow {
  std::string reviewer, points;  // points: a JSON object {criterion: points}
  double total = 0;
  TimeMs scored_at = 0;
};

struct SelectionObjectionRow {
  long long id = 0, candidate_id = 0;
  std::string text, contact_name, contact_phone_sealed, state, resolution_note, resolved_by;
  TimeMs resolved_at = 0, lodged_at = 0;
  std::string candidate_code;  // filled by reads
};

struct SelectionEventRow {
  std::string from_stage, to_stage, actor, note;
  TimeMs at = 0;
};

class SelectionRepository {
 public:
  explicit SelectionRepository(soci::session& sql) : sql_(sql) {}

  long long insert(const SelectionRow& row);  // with its criteria
  std::optional<SelectionRow> find(const std::string& code);
  std::vector<SelectionRow> list();  // newest first, without criteria

  long long insert_candidate(const SelectionCandidateRow& row);
  std::optional<SelectionCandidateRow> find_candidate(const std::string& code);
  std::optional<SelectionCandidateRow> find_candidate(long long id);
  // A selection's candidates by code; `stage` "" every stage.
  std::vector<SelectionCandidateRow> candidates(long long selection_id, const std::string& stage = "");
  // Named candidates of every selection (of `kind` unless ""), for the honour roll.
  std::vector<SelectionCandidateRow> named(const std::string& kind);
  // Candidates of a selection in stages approved or named (against the quota).
  long long titled_count(long long selection_id);
  // stage, withdrawn_reason, notice_started_at, named_at, title_valid_until, reexamined_at, updated_at.
  void update_candidate(const SelectionCandidateRow& row);

  void insert_event(long long candidate_id, const SelectionEventRow& event);
  std::vector<SelectionEventRow> events(long long candidate_id);

  // Inserts or replaces the reviewer's score.
  void upsert_score(long long candidate_id, const SelectionScoreRow& score);
  std::vector<SelectionScoreRow> scores(long long candidate_id);

  long long insert_objection(const SelectionObjectionRow& row);
  std::optional<SelectionObjectionRow> find_objection(long long id);
  std::vector<SelectionObjectionRow> objections(long long candidate_id);
  // state, resolution_note, resolved_by, resolved_at.
  void update_objection(const SelectionObjectionRow& row);

 private:
  std::vector<SelectionCandidateRow> candidate_rows(const std::string& where_and_order,
                                                    const SqlParams& params);
  soci::session& sql_;
};

}  // namespace civic::store
