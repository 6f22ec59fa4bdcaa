#include "service/cases/case_record.h"

namespace civic::service {

CaseState case_state_of(const store::CaseRow& row) {
  return parse_case_state(row.state).value_or(CaseState::reported);
}

CaseRecord case_record_of(const store::CaseRow& row) {
  CaseRecord r;
  r.state = case_state_of(row);
  r.category = row.category;
  r.severity = row.severity;
  r.reported_at = row.reported_at;
  r.due_at = row.due_at;
  r.first_dispatched_at = row.first_dispatched_at;
  r.closed_at = row.closed_at;
  if (row.outcome) r.outcome = parse_case_outcome(*row.outcome);
  r.rework_count = row.rework_count;
  r.reopen_count = row.reopen_count;
  r.send_back_count = row.send_back_count;
  r.escalation_level = row.escalation_level;
  r.postponement_pending = row.postponement_pending;
  r.postponement_approved = row.postponement_approved;
  r.handled_at_least_once = row.handled_once;
  r.reporter_user_id = row.reporter_user_id;
  return r;
}

}  // namespace civic::service
