// SelectionService: selections of civilized units and families (评选, participation.md "Selection", issue
// 16's third slice). The office creates a selection (kind, period, criteria with their points, quota, notice
// days, term in years, deadlines). A unit nominates itself or a unit or family below it (nominate_selections,
// the candidate's unit in scope); a superior unit of the candidate reviews it (its unit a strict ancestor of
// the candidate's); panel reviewers (review_selections) score it against every criterion — a reviewer whose
// unit is the candidate's or an ancestor of it is refused (403 selection.reviewer.own_unit); the first score
// moves it to scored, later ones change the mean. The office (manage_selections) starts the public notice
// (公示, notice_days), during which anyone may lodge an objection with contact details (the phone sealed
// under the volunteers' key, shown masked); the office upholds (the candidate is withdrawn) or dismisses each
// one; approval is refused (409) while an objection is open, before the notice has ended, or past the quota;
// naming gives the title for term_years. A named title is re-examined (复查): renewed for another term or
// revoked; a recorded negative-list event in its unit after naming or the last re-examination flags it for
// withdrawal (computed on read). Stages advance one at a time (domain selection_transition_allowed; 409
// selection.stage otherwise); every change is a stage event and an audit record. The public sees the
// candidates in notice and the honour roll of named titles.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "store/core/database.h"
#include "store/participation/selection_repository.h"

namespace civic::service {

struct SelectionCriterion {
  std::string code, text;
  double max_points = 0;
};

struct SelectionInput {
  std::string code;  // "" generates one
  std::string kind, title, period;
  long long quota = 0, notice_days = 0, term_years = 0;
  TimeMs nomination_deadline = 0, review_deadline = 0, scoring_deadline = 0;  // 0: none
  std::vector<SelectionCriterion> criteria;
};

struct SelectionObjection {
  long long id = 0;
  std::string candidate;
  std::string text, contact_name;
  std::string contact_phone;  // masked
  std::string state;          // open | upheld | dismissed
  std::string resolution_note, resolved_by;
  TimeMs resolved_at = 0, lodged_at = 0;
};

struct SelectionScore {
  std::string reviewer;
  std::map<std::string, double> points;
  double total = 0;
  TimeMs scored_at = 0;
};

struct SelectionEvent {
  std::string from, to, by, note;
  TimeMs at = 0;
};

struct SelectionCandidate {
  std::string code, selection, name, unit, unit_name, nominated_by, nominated_by_unit, materials;
  std::string stage, withdrawn_reason;
  long long scores = 0;
  std::optional<double> mean_score;
  long long objections = 0, open_objections = 0;
  TimeMs notice_started_at = 0, notice_ends_at = 0, named_at = 0, title_valid_until = 0, reexamined_at = 0;
  bool flagged_for_withdrawal = false;
  TimeMs created_at = 0;
  // filled by candidate() only
  std::vector<SelectionScore> score_sheets;
  std::vector<SelectionObjection> objection_list;
  std::vector<SelectionEvent> events;
};

struct Selection {
  std::string code, kind, title, period;
  long long quota = 0, notice_days = 0, term_years = 0;
  TimeMs nomination_deadline = 0, review_deadline = 0, scoring_deadline = 0;
  std::vector<SelectionCriterion> criteria;
  std::string created_by;
  TimeMs created_at = 0;
  long long candidates_total = 0;              // in the list: every candidate
  std::vector<SelectionCandidate> candidates;  // get(): those the caller sees
};

struct NominationInput {
  std::string name;  // the family's name (文明家庭) or ""; a unit candidate defaults to the unit's name
  std::string unit;  // the candidate unit, or the family's household unit
  std::string materials;
};

struct ObjectionInput {
  std::string candidate, text, contact_name, contact_phone;
};

// The public's view of a candidate (notice, honour roll): no materials, no reviewer names.
struct PublicCandidate {
  std::string code, name, unit_name, selection, selection_title, kind, period;
  std::optional<double> mean_score;
  TimeMs notice_ends_at = 0, named_at = 0, title_valid_until = 0;
};

struct PublicNotice {
  std::string code, kind, title, period;
  long long notice_days = 0;
  std::vector<PublicCandidate> candidates;
};

class SelectionService {
 public:
  SelectionService(store::Database& db, AuditService& audit);

  // The 32-byte key objection phones are sealed under (Services: the volunteers' key).
  void set_key(std::string key) { key_ = std::move(key); }

  // read_selections: every selection (a city's campaigns are not scoped), newest first.
  std::vector<Selection> list(const Principal& who);
  // read_selections: criteria and the candidates in the caller's scope (a review_selections holder, the
  // panel, sees every candidate).
  Selection get(const Principal& who, const std::string& code);
  // read_selections: one candidate with its score sheets, objections (phones masked) and stage events.
  SelectionCandidate candidate(const Principal& who, const std::string& code);
  // manage_selections.
  Selection create(const Principal& who, const SelectionInput& input);

  // nominate_selections: the candidate's unit in scope (the caller's own unit or one below it).
  SelectionCandidate nominate(const Principal& who, const std::string& selection, const NominationInput& in);

  // `action`: review (nominate_selections, a superior unit), score (review_selections, `points`),
  // start-notice, approve, name, withdraw, renew, revoke (manage_selections; withdraw and revoke need `note`
  // as reason).
  SelectionCandidate act(const Principal& who, const std::string& candidate, const std::string& action,
                         const std::map<std::string, double>& points, const std::string& note);

  // manage_selections: resolve an open objection; `uphold` withdraws its candidate.
  SelectionObjection resolve_objection(const Principal& who, long long id, bool uphold,
                                       const std::string& note);

  // No sign-in.
  PublicNotice public_notice(const std::string& selection);
  SelectionObjection lodge_objection(const std::string& selection, const ObjectionInput& in);
  std::vector<PublicCandidate> honour_roll(const std::string& kind);

 private:
  SelectionCandidate candidate_of(const store::SelectionCandidateRow& row,
                                  const store::SelectionRow& s) const;
  SelectionObjection objection_of(const store::SelectionObjectionRow& row) const;
  store::SelectionRow load_selection(store::Session& sql, const std::string& code);
  store::SelectionCandidateRow load_candidate(store::Session& sql, const Principal& who,
                                              const std::string& code, bool panel);

  store::Database& db_;
  AuditService& audit_;
  std::string key_;
};

}  // namespace civic::service
