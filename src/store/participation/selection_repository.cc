#include "store/participation/selection_repository.h"

#include "store/core/row_fetch.h"
#include "store/core/sql_params.h"

namespace civic::store {

namespace {

const char* kSelectionColumns =
    "SELECT id, code, kind, title, period, quota, notice_days, term_years, nomination_deadline,"
    " review_deadline, scoring_deadline, created_by, created_at FROM selections ";

struct SelectionBinding {
  SelectionRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.code));
    st.exchange(soci::into(row.kind));
    st.exchange(soci::into(row.title));
    st.exchange(soci::into(row.period));
    st.exchange(soci::into(row.quota));
    st.exchange(soci::into(row.notice_days));
    st.exchange(soci::into(row.term_years));
    st.exchange(soci::into(row.nomination_deadline));
    st.exchange(soci::into(row.review_deadline));
    st.exchange(soci::into(row.scoring_deadline));
    st.exchange(soci::into(row.created_by));
    st.exchange(soci::into(row.created_at));
  }
  SelectionRow take() const { return row; }
};

struct CriterionBinding {
  SelectionCriterionRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.code));
    st.exchange(soci::into(row.text));
    st.exchange(soci::into(row.max_points));
  }
  SelectionCriterionRow take() const { return row; }
};

// The negative-list events that flag a named title: recorded in the candidate's own unit at or after its
// naming or last re-examination, not withdrawn.
const char* kCandidateColumns =
    "SELECT c.id, c.code, c.selection_id, c.name, c.unit_id, c.nominated_by_unit_id, c.nominated_by,"
    " c.materials, c.stage, c.withdrawn_reason, c.notice_started_at, c.named_at, c.title_valid_until,"
    " c.reexamined_at, c.created_at, c.updated_at, s.code, u.code, u.name, u.path, nu.code,"
    " (SELECT COUNT(*) FROM selection_scores x WHERE x.candidate_id = c.id),"
    " (SELECT COALESCE(SUM(x.total), 0.0) FROM selection_scores x WHERE x.candidate_id = c.id),"
    " (SELECT COUNT(*) FROM selection_objections o WHERE o.candidate_id = c.id),"
    " (SELECT COUNT(*) FROM selection_objections o WHERE o.candidate_id = c.id AND o.state = 'open'),"
    " (SELECT COUNT(*) FROM penalty_events p WHERE c.named_at > 0 AND p.unit_id = c.unit_id"
    "   AND p.state = 'recorded' AND p.recorded_at >="
    "   CASE WHEN c.reexamined_at > c.named_at THEN c.reexamined_at ELSE c.named_at END)"
    " FROM selection_candidates c JOIN selections s ON s.id = c.selection_id"
    " JOIN units u ON u.id = c.unit_id JOIN units nu ON nu.id = c.nominated_by_unit_id ";

struct CandidateBinding {
  SelectionCandidateRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.code));
    st.exchange(soci::into(row.selection_id));
    st.exchange(soci::into(row.name));
    st.exchange(soci::into(row.unit_id));
    st.exchange(soci::into(row.nominated_by_unit_id));
    st.exchange(soci::into(row.nominated_by));
    st.exchange(soci::into(row.materials));
    st.exchange(soci::into(row.stage));
    st.exchange(soci::into(row.withdrawn_reason));
    st.exchange(soci::into(row.notice_started_at));
    st.exchange(soci::into(row.named_at));
    st.exchange(soci::into(row.title_valid_until));
    st.exchange(soci::into(row.reexamined_at));
    st.exchange(soci::into(row.created_at));
    st.exchange(soci::into(row.updated_at));
    st.exchange(soci::into(row.selection_code));
    st.exchange(soci::into(row.unit_code));
    st.exchange(soci::into(row.unit_name));
    st.exchange(soci::into(row.unit_path));
    st.exchange(soci::into(row.nominated_by_unit_code));
    st.exchange(soci::into(row.scores));
    st.exchange(soci::into(row.score_sum));
    st.exchange(soci::into(row.objections));
    st.exchange(soci::into(row.open_objections));
    st.exchange(soci::into(row.negative_events));
  }
  SelectionCandidateRow take() const { return row; }
};

struct ScoreBinding {
  SelectionScoreRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.reviewer));
    st.exchange(soci::into(row.points));
    st.exchange(soci::into(row.total));
    st.exchange(soci::into(row.scored_at));
  }
  SelectionScoreRow take() const { return row; }
};

const char* kObjectionColumns =
    "SELECT o.id, o.candidate_id, o.text, o.contact_name, o.contact_phone_sealed, o.state,"
    " o.resolution_note, o.resolved_by, o.resolved_at, o.lodged_at, c.code"
    " FROM selection_objections o JOIN selection_candidates c ON c.id = o.candidate_id ";

struct ObjectionBinding {
  SelectionObjectionRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.candidate_id));
    st.exchange(soci::into(row.text));
    st.exchange(soci::into(row.contact_name));
    st.exchange(soci::into(row.contact_phone_sealed));
    st.exchange(soci::into(row.state));
    st.exchange(soci::into(row.resolution_note));
    st.exchange(soci::into(row.resolved_by));
    st.exchange(soci::into(row.resolved_at));
    st.exchange(soci::into(row.lodged_at));
    st.exchange(soci::into(row.candidate_code));
  }
  SelectionObjectionRow take() const { return row; }
};

struct EventBinding {
  SelectionEventRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.from_stage));
    st.exchange(soci::into(row.to_stage));
    st.exchange(soci::into(row.actor));
    st.exchange(soci::into(row.note));
    st.exchange(soci::into(row.at));
  }
  SelectionEventRow take() const { return row; }
};

}  // namespace

long long SelectionRepository::insert(const SelectionRow& r) {
  long long id = 0, quota = r.quota, days = r.notice_days, term = r.term_years, nd = r.nomination_deadline,
            rd = r.review_deadline, sd = r.scoring_deadline, at = r.created_at;
  sql_ << "INSERT INTO selections (code, kind, title, period, quota, notice_days, term_years,"
          " nomination_deadline, review_deadline, scoring_deadline, created_by, created_at)"
          " VALUES (:c, :k, :t, :p, :q, :n, :y, :nd, :rd, :sd, :b, :a) RETURNING id",
      soci::use(r.code), soci::use(r.kind), soci::use(r.title), soci::use(r.period), soci::use(quota),
      soci::use(days), soci::use(term), soci::use(nd), soci::use(rd), soci::use(sd), soci::use(r.created_by),
      soci::use(at), soci::into(id);
  long long order = 0;
  for (const auto& c : r.criteria) {
    double max = c.max_points;
    ++order;
    sql_ << "INSERT INTO selection_criteria (selection_id, code, text, max_points, sort_order)"
            " VALUES (:s, :c, :t, :m, :o)",
        soci::use(id), soci::use(c.code), soci::use(c.text), soci::use(max), soci::use(order);
  }
  return id;
}

std::optional<SelectionRow> SelectionRepository::find(const std::string& code) {
  SqlParams p;
  auto row =
      fetch_row<SelectionBinding>(sql_, std::string(kSelectionColumns) + "WHERE code = " + p.text(code), p);
  if (!row) return row;
  SqlParams q;
  row->criteria = fetch_rows<CriterionBinding>(
      sql_,
      "SELECT code, text, max_points FROM selection_criteria WHERE selection_id = " + q.integer(row->id) +
          " ORDER BY sort_order, code",
      q);
  return row;
}

std::vector<SelectionRow> SelectionRepository::list() {
  return fetch_rows<SelectionBinding>(sql_,
                                      std::string(kSelectionColumns) + "ORDER BY created_at DESC, id DESC");
}

long long SelectionRepository::insert_candidate(const SelectionCandidateRow& r) {
  long long id = 0, selection = r.selection_id, unit = r.unit_id, by_unit = r.nominated_by_unit_id,
            created = r.created_at, updated = r.updated_at;
  sql_ << "INSERT INTO selection_candidates (code, selection_id, name, unit_id, nominated_by_unit_id,"
          " nominated_by, materials, stage, created_at, updated_at)"
          " VALUES (:c, :s, :n, :u, :bu, :b, :m, :st, :ca, :ua) RETURNING id",
      soci::use(r.code), soci::use(selection), soci::use(r.name), soci::use(unit), soci::use(by_unit),
      soci::use(r.nominated_by), soci::use(r.materials), soci::use(r.stage), soci::use(created),
      soci::use(updated), soci::into(id);
  return id;
}

std::vector<SelectionCandidateRow> SelectionRepository::candidate_rows(const std::string& rest,
                                                                       const SqlParams& params) {
  return fetch_rows<CandidateBinding>(sql_, std::string(kCandidateColumns) + rest, params);
}

std::optional<SelectionCandidateRow> SelectionRepository::find_candidate(const std::string& code) {
  SqlParams p;
  auto rows = candidate_rows("WHERE c.code = " + p.text(code), p);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<SelectionCandidateRow> SelectionRepository::find_candidate(long long id) {
  SqlParams p;
  auto rows = candidate_rows("WHERE c.id = " + p.integer(id), p);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<SelectionCandidateRow> SelectionRepository::candidates(long long selection_id,
                                                                   const std::string& stage) {
  SqlParams p;
  std::string where = "WHERE c.selection_id = " + p.integer(selection_id);
  if (!stage.empty()) where += " AND c.stage = " + p.text(stage);
  return candidate_rows(where + " ORDER BY c.code", p);
}

std::vector<SelectionCandidateRow> SelectionRepository::named(const std::string& kind) {
  SqlParams p;
  std::string where = "WHERE c.stage = 'named'";
  if (!kind.empty()) where += " AND s.kind = " + p.text(kind);
  return candidate_rows(where + " ORDER BY s.period DESC, s.code, c.code", p);
}

long long SelectionRepository::titled_count(long long selection_id) {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM selection_candidates WHERE selection_id = :s AND stage IN ('approved', "
          "'named')",
      soci::use(selection_id), soci::into(n);
  return n;
}

void SelectionRepository::update_candidate(const SelectionCandidateRow& r) {
  long long notice = r.notice_started_at, named = r.named_at, valid = r.title_valid_until,
            reexamined = r.reexamined_at, updated = r.updated_at, id = r.id;
  sql_ << "UPDATE selection_candidates SET stage = :s, withdrawn_reason = :w, notice_started_at = :n,"
          " named_at = :na, title_valid_until = :v, reexamined_at = :r, updated_at = :u WHERE id = :id",
      soci::use(r.stage), soci::use(r.withdrawn_reason), soci::use(notice), soci::use(named),
      soci::use(valid), soci::use(reexamined), soci::use(updated), soci::use(id);
}

void SelectionRepository::insert_event(long long candidate_id, const SelectionEventRow& e) {
  long long at = e.at;
  sql_ << "INSERT INTO selection_candidate_events (candidate_id, from_stage, to_stage, actor, at, note)"
          " VALUES (:c, :f, :t, :a, :at, :n)",
      soci::use(candidate_id), soci::use(e.from_stage), soci::use(e.to_stage), soci::use(e.actor),
      soci::use(at), soci::use(e.note);
}

std::vector<SelectionEventRow> SelectionRepository::events(long long candidate_id) {
  SqlParams p;
  return fetch_rows<EventBinding>(
      sql_,
      "SELECT from_stage, to_stage, actor, note, at FROM selection_candidate_events"
      " WHERE candidate_id = " +
          p.integer(candidate_id) + " ORDER BY at, id",
      p);
}

void SelectionRepository::upsert_score(long long candidate_id, const SelectionScoreRow& s) {
  long long at = s.scored_at;
  double total = s.total;
  sql_ << "DELETE FROM selection_scores WHERE candidate_id = :c AND reviewer = :r", soci::use(candidate_id),
      soci::use(s.reviewer);
  sql_ << "INSERT INTO selection_scores (candidate_id, reviewer, points, total, scored_at)"
          " VALUES (:c, :r, :p, :t, :a)",
      soci::use(candidate_id), soci::use(s.reviewer), soci::use(s.points), soci::use(total), soci::use(at);
}

std::vector<SelectionScoreRow> SelectionRepository::scores(long long candidate_id) {
  SqlParams p;
  return fetch_rows<ScoreBinding>(
      sql_,
      "SELECT reviewer, points, total, scored_at FROM selection_scores WHERE candidate_id = " +
          p.integer(candidate_id) + " ORDER BY reviewer",
      p);
}

long long SelectionRepository::insert_objection(const SelectionObjectionRow& r) {
  long long id = 0, candidate = r.candidate_id, at = r.lodged_at;
  sql_ << "INSERT INTO selection_objections (candidate_id, text, contact_name, contact_phone_sealed, state,"
          " lodged_at) VALUES (:c, :t, :n, :p, :s, :a) RETURNING id",
      soci::use(candidate), soci::use(r.text), soci::use(r.contact_name), soci::use(r.contact_phone_sealed),
      soci::use(r.state), soci::use(at), soci::into(id);
  return id;
}

std::optional<SelectionObjectionRow> SelectionRepository::find_objection(long long id) {
  SqlParams p;
  return fetch_row<ObjectionBinding>(sql_, std::string(kObjectionColumns) + "WHERE o.id = " + p.integer(id),
                                     p);
}

std::vector<SelectionObjectionRow> SelectionRepository::objections(long long candidate_id) {
  SqlParams p;
  return fetch_rows<ObjectionBinding>(
      sql_,
      std::string(kObjectionColumns) + "WHERE o.candidate_id = " + p.integer(candidate_id) + " ORDER BY o.id",
      p);
}

void SelectionRepository::update_objection(const SelectionObjectionRow& r) {
  long long at = r.resolved_at, id = r.id;
  sql_ << "UPDATE selection_objections SET state = :s, resolution_note = :n, resolved_by = :b, resolved_at = "
          ":a"
          " WHERE id = :id",
      soci::use(r.state), soci::use(r.resolution_note), soci::use(r.resolved_by), soci::use(at),
      soci::use(id);
}

}  // namespace civic::store
