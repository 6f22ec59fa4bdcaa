#include "store/core/migrations.h"

#include <algorithm>

namespace civic::store {

namespace {

// A statement prefixed "sqlite:" or "postgresql:" runs on that dialect only.
const std::vector<Migration>& all() {
  static const std::vector<Migration> list = {
      {1,
       "units, users, sessions, api tokens, audit log",
       {
           "CREATE TABLE units ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " name TEXT NOT NULL,"
           " name_en TEXT NOT NULL DEFAULT '',"
           " type TEXT NOT NULL,"
           " parent_id BIGINT REFERENCES units(id),"
           " path {{ctext}} NOT NULL,"
           " population BIGINT NOT NULL DEFAULT 0,"
           " sort_order INTEGER NOT NULL DEFAULT 0,"
           " version BIGINT NOT NULL DEFAULT 1,"
           " created_at BIGINT NOT NULL,"
           " updated_at BIGINT NOT NULL)",
           "CREATE INDEX units_path ON units(path)",
           "CREATE INDEX units_parent ON units(parent_id, sort_order)",
           "CREATE TABLE users ("
           " id {{id}},"
           " username TEXT NOT NULL UNIQUE,"
           " display_name TEXT NOT NULL DEFAULT '',"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " password_hash TEXT NOT NULL DEFAULT '',"
           " roles TEXT NOT NULL,"
           " failed_logins INTEGER NOT NULL DEFAULT 0,"
           " locked_until BIGINT NOT NULL DEFAULT 0,"
           " must_change_password INTEGER NOT NULL DEFAULT 0,"
           " disabled INTEGER NOT NULL DEFAULT 0,"
           " created_at BIGINT NOT NULL,"
           " updated_at BIGINT NOT NULL,"
           " version BIGINT NOT NULL DEFAULT 1)",
           "CREATE INDEX users_unit ON users(unit_id)",
           "CREATE TABLE sessions ("
           " id {{id}},"
           " token_hash TEXT NOT NULL UNIQUE,"
           " csrf_token TEXT NOT NULL,"
           " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
           " ip TEXT NOT NULL DEFAULT '',"
           " created_at BIGINT NOT NULL,"
           " last_seen_at BIGINT NOT NULL,"
           " expires_at BIGINT NOT NULL)",
           "CREATE INDEX sessions_user ON sessions(user_id)",
           "CREATE TABLE api_tokens ("
           " id {{id}},"
           " token_hash TEXT NOT NULL UNIQUE,"
           " name TEXT NOT NULL,"
           " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
           " created_at BIGINT NOT NULL,"
           " last_used_at BIGINT NOT NULL DEFAULT 0,"
           " revoked_at BIGINT NOT NULL DEFAULT 0)",
           "CREATE INDEX api_tokens_user ON api_tokens(user_id)",
           "CREATE TABLE audit_log ("
           " seq BIGINT PRIMARY KEY,"
           " time BIGINT NOT NULL,"
           " actor TEXT NOT NULL,"
           " role TEXT NOT NULL DEFAULT '',"
           " unit TEXT NOT NULL DEFAULT '',"
           " ip TEXT NOT NULL DEFAULT '',"
           " action TEXT NOT NULL,"
           " object_type TEXT NOT NULL DEFAULT '',"
           " object_id TEXT NOT NULL DEFAULT '',"
           " before_json TEXT NOT NULL DEFAULT '',"
           " after_json TEXT NOT NULL DEFAULT '',"
           " prev_hash TEXT NOT NULL,"
           " hash TEXT NOT NULL)",
           "CREATE INDEX audit_log_time ON audit_log(time)",
           "CREATE INDEX audit_log_actor ON audit_log(actor, seq)",
           "CREATE INDEX audit_log_object ON audit_log(object_type, object_id, seq)",
           // Append-only at the database too: the application never updates or deletes audit rows.
           "sqlite:CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
           " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
           "sqlite:CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
           " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
           "postgresql:CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS"
           " $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
           "postgresql:CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log"
           " FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
       }},
      {2,
       "evaluation: frameworks, periods, sites and evidence",
       {
           "CREATE TABLE frameworks ("
           " id {{id}},"
           " code TEXT NOT NULL,"
           " version INTEGER NOT NULL,"
           " name TEXT NOT NULL,"
           " document TEXT NOT NULL,"
           " created_at BIGINT NOT NULL,"
           " UNIQUE (code, version))",
           "CREATE TABLE periods ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " start_date TEXT NOT NULL,"
           " end_date TEXT NOT NULL,"
           " framework_id BIGINT NOT NULL REFERENCES frameworks(id),"
           " created_at BIGINT NOT NULL)",
           "CREATE TABLE sites ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " name TEXT NOT NULL DEFAULT '',"
           " type TEXT NOT NULL,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " lat DOUBLE PRECISION,"
           " lon DOUBLE PRECISION,"
           " address TEXT NOT NULL DEFAULT '',"
           " grid_cell TEXT NOT NULL DEFAULT '',"
           " version BIGINT NOT NULL DEFAULT 1,"
           " created_at BIGINT NOT NULL,"
           " updated_at BIGINT NOT NULL)",
           "CREATE INDEX sites_unit ON sites(unit_id)",
           "CREATE TABLE inspections ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " site_id BIGINT NOT NULL REFERENCES sites(id),"
           " inspected_on TEXT NOT NULL,"
           " created_at BIGINT NOT NULL)",
           "CREATE INDEX inspections_date ON inspections(inspected_on)",
           "CREATE TABLE inspection_results ("
           " inspection_id BIGINT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,"
           " check_code TEXT NOT NULL,"
           " failures INTEGER,"
           " PRIMARY KEY (inspection_id, check_code))",
           "CREATE TABLE responses ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " responded_on TEXT NOT NULL,"
           " created_at BIGINT NOT NULL)",
           "CREATE INDEX responses_date ON responses(responded_on)",
           "CREATE TABLE response_answers ("
           " response_id BIGINT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,"
           " question TEXT NOT NULL,"
           " answer TEXT NOT NULL,"
           " PRIMARY KEY (response_id, question))",
           "CREATE TABLE statistic_values ("
           " metric TEXT NOT NULL,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " period_id BIGINT NOT NULL REFERENCES periods(id),"
           " value DOUBLE PRECISION NOT NULL,"
           " PRIMARY KEY (metric, unit_id, period_id))",
           "CREATE TABLE material_grades ("
           " item TEXT NOT NULL,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " period_id BIGINT NOT NULL REFERENCES periods(id),"
           " grade TEXT NOT NULL,"
           " PRIMARY KEY (item, unit_id, period_id))",
           "CREATE TABLE penalty_events ("
           " id {{id}},"
           " code TEXT NOT NULL,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " period_id BIGINT NOT NULL REFERENCES periods(id),"
           " deduct DOUBLE PRECISION NOT NULL,"
           " disqualify INTEGER NOT NULL DEFAULT 0,"
           " description TEXT NOT NULL DEFAULT '')",
           "CREATE INDEX penalty_events_period ON penalty_events(period_id)",
           "CREATE TABLE evaluation_revision (id INTEGER PRIMARY KEY, revision BIGINT NOT NULL)",
           "INSERT INTO evaluation_revision (id, revision) VALUES (1, 0)",
       }},
      {3,
       "evaluation: a second change counter for everything but new inspections and responses",
       {
           "ALTER TABLE evaluation_revision ADD COLUMN structure_revision BIGINT NOT NULL DEFAULT 0",
       }},
      {4,
       "cases, case events, case code sequences, overdue notices, notifications",
       {
           "CREATE TABLE cases ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " title TEXT NOT NULL DEFAULT '',"
           " description TEXT NOT NULL DEFAULT '',"
           " category TEXT NOT NULL,"
           " severity TEXT NOT NULL DEFAULT '',"
           " state TEXT NOT NULL,"
           " source TEXT NOT NULL,"
           " unit_id BIGINT REFERENCES units(id),"
           " reporting_unit_id BIGINT REFERENCES units(id),"
           " site_id BIGINT REFERENCES sites(id),"
           " item TEXT,"
           " check_code TEXT,"
           " inspection TEXT,"
           " failure_count INTEGER NOT NULL DEFAULT 0,"
           " lat DOUBLE PRECISION,"
           " lon DOUBLE PRECISION,"
           " address TEXT NOT NULL DEFAULT '',"
           " photos TEXT NOT NULL DEFAULT '[]',"
           " contact TEXT NOT NULL DEFAULT '',"
           " reporter_user_id BIGINT,"
           " reported_at BIGINT NOT NULL,"
           " first_dispatched_at BIGINT,"
           " due_at BIGINT,"
           " closed_at BIGINT,"
           " outcome TEXT,"
           " escalation_level INTEGER NOT NULL DEFAULT 0,"
           " rework_count INTEGER NOT NULL DEFAULT 0,"
           " reopen_count INTEGER NOT NULL DEFAULT 0,"
           " send_back_count INTEGER NOT NULL DEFAULT 0,"
           " postponement_pending INTEGER NOT NULL DEFAULT 0,"
           " postponement_approved INTEGER NOT NULL DEFAULT 0,"
           " handled_once INTEGER NOT NULL DEFAULT 0,"
           " requested_due_at BIGINT,"
           " possible_duplicate_of TEXT,"
           " duplicate_of TEXT,"
           " version BIGINT NOT NULL DEFAULT 1,"
           " updated_at BIGINT NOT NULL)",
           "CREATE INDEX cases_unit ON cases(unit_id, state)",
           "CREATE INDEX cases_state ON cases(state, due_at)",
           "CREATE INDEX cases_dispatched ON cases(first_dispatched_at)",
           "CREATE INDEX cases_category ON cases(category, state)",
           "CREATE TABLE case_events ("
           " id {{id}},"
           " case_id BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
           " seq INTEGER NOT NULL,"
           " action TEXT NOT NULL,"
           " from_state TEXT NOT NULL DEFAULT '',"
           " to_state TEXT NOT NULL DEFAULT '',"
           " actor_user_id BIGINT,"
           " actor TEXT NOT NULL DEFAULT '',"
           " actor_name TEXT NOT NULL DEFAULT '',"
           " at BIGINT NOT NULL,"
           " note TEXT NOT NULL DEFAULT '',"
           " reason TEXT NOT NULL DEFAULT '',"
           " photos TEXT NOT NULL DEFAULT '[]',"
           " data TEXT NOT NULL DEFAULT '{}',"
           " UNIQUE (case_id, seq))",
           "CREATE TABLE case_code_sequences (day TEXT PRIMARY KEY, last_value BIGINT NOT NULL)",
           "CREATE TABLE case_overdue_notices ("
           " case_id BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
           " due_at BIGINT NOT NULL,"
           " notified_at BIGINT NOT NULL,"
           " PRIMARY KEY (case_id, due_at))",
           "CREATE TABLE notifications ("
           " id {{id}},"
           " user_id BIGINT NOT NULL REFERENCES users(id),"
           " kind TEXT NOT NULL,"
           " params TEXT NOT NULL DEFAULT '{}',"
           " object_type TEXT NOT NULL DEFAULT '',"
           " object_id TEXT NOT NULL DEFAULT '',"
           " created_at BIGINT NOT NULL,"
           " read_at BIGINT)",
           "CREATE INDEX notifications_user ON notifications(user_id, id)",
       }},
      {5,
       "photos and files stored by content hash; site lookups by type",
       {
           "CREATE TABLE stored_files ("
           " id {{id}},"
           " sha256 TEXT NOT NULL UNIQUE,"
           " kind TEXT NOT NULL,"
           " mime TEXT NOT NULL,"
           " size BIGINT NOT NULL,"
           " width BIGINT,"
           " height BIGINT,"
           " taken_at BIGINT,"
           " lat DOUBLE PRECISION,"
           " lon DOUBLE PRECISION,"
           " name TEXT NOT NULL DEFAULT '',"
           " is_public INTEGER NOT NULL DEFAULT 0,"
           " uploaded_by TEXT NOT NULL DEFAULT '',"
           " uploader_ip TEXT NOT NULL DEFAULT '',"
           " created_at BIGINT NOT NULL)",
           "CREATE INDEX sites_type ON sites(type)",
       }},
      {6,
       "inspection rounds, round strata and sites, submissions, inspection versions and drafts",
       {
           "CREATE TABLE rounds ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " name TEXT NOT NULL,"
           " period_id BIGINT NOT NULL REFERENCES periods(id),"
           " under_unit_id BIGINT NOT NULL REFERENCES units(id),"
           " status TEXT NOT NULL DEFAULT 'open',"
           " seed TEXT NOT NULL,"
           " items TEXT NOT NULL DEFAULT '',"
           " default_sample_size BIGINT NOT NULL DEFAULT 0,"
           " created_at BIGINT NOT NULL,"
           " created_by TEXT NOT NULL,"
           " completed_at BIGINT NOT NULL DEFAULT 0,"
           " version BIGINT NOT NULL DEFAULT 1)",
           "CREATE INDEX rounds_period ON rounds(period_id, code)",
           "CREATE TABLE round_strata ("
           " round_id BIGINT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,"
           " seq INTEGER NOT NULL,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " site_type TEXT NOT NULL,"
           " population BIGINT NOT NULL,"
           " sample_size BIGINT NOT NULL,"
           " PRIMARY KEY (round_id, seq))",
           "CREATE TABLE round_sites ("
           " round_id BIGINT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,"
           " site_id BIGINT NOT NULL REFERENCES sites(id),"
           " inspector_id BIGINT REFERENCES users(id),"
           " status TEXT NOT NULL DEFAULT 'to_do',"
           " inspection_id BIGINT REFERENCES inspections(id),"
           " assigned_at BIGINT NOT NULL DEFAULT 0,"
           " PRIMARY KEY (round_id, site_id))",
           "CREATE INDEX round_sites_inspector ON round_sites(inspector_id, status)",
           "ALTER TABLE inspections ADD COLUMN round_id BIGINT REFERENCES rounds(id)",
           "ALTER TABLE inspections ADD COLUMN inspector_id BIGINT REFERENCES users(id)",
           "ALTER TABLE inspections ADD COLUMN inspected_at BIGINT",
           "ALTER TABLE inspections ADD COLUMN submitted_at BIGINT",
           "ALTER TABLE inspections ADD COLUMN lat DOUBLE PRECISION",
           "ALTER TABLE inspections ADD COLUMN lon DOUBLE PRECISION",
           "ALTER TABLE inspections ADD COLUMN accuracy DOUBLE PRECISION",
           "ALTER TABLE inspections ADD COLUMN note TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE inspections ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
           "ALTER TABLE inspections ADD COLUMN version_reason TEXT NOT NULL DEFAULT ''",
           "CREATE INDEX inspections_round ON inspections(round_id)",
           "CREATE INDEX inspections_site ON inspections(site_id)",
           "ALTER TABLE inspection_results ADD COLUMN note TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE inspection_results ADD COLUMN photos TEXT NOT NULL DEFAULT ''",
           // Earlier versions of a corrected inspection, each as a JSON snapshot of what it said.
           "CREATE TABLE inspection_versions ("
           " inspection_id BIGINT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,"
           " version INTEGER NOT NULL,"
           " submitted_at BIGINT NOT NULL,"
           " submitted_by TEXT NOT NULL,"
           " reason TEXT NOT NULL DEFAULT '',"
           " snapshot TEXT NOT NULL,"
           " PRIMARY KEY (inspection_id, version))",
           // One row per device submission (first version or correction): a retry finds its answer here;
           // the primary key makes a concurrent duplicate fail instead of inserting twice.
           "CREATE TABLE submission_client_ids ("
           " client_id TEXT PRIMARY KEY,"
           " inspection_id BIGINT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,"
           " version INTEGER NOT NULL,"
           " request_hash TEXT NOT NULL,"
           " user_id BIGINT NOT NULL DEFAULT 0,"
           " cases TEXT NOT NULL DEFAULT '',"
           " created_at BIGINT NOT NULL)",
           "CREATE TABLE inspection_drafts ("
           " client_id TEXT PRIMARY KEY,"
           " user_id BIGINT NOT NULL REFERENCES users(id),"
           " round_id BIGINT NOT NULL REFERENCES rounds(id),"
           " site_id BIGINT NOT NULL REFERENCES sites(id),"
           " body TEXT NOT NULL,"
           " updated_at BIGINT NOT NULL)",
           "CREATE INDEX inspection_drafts_user ON inspection_drafts(user_id, round_id, site_id)",
       }},
      {7,
       "work plans: plans, phases, actions, tasks, progress reports, task events, reminder notices",
       {
           "CREATE TABLE plans ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " name TEXT NOT NULL,"
           " period TEXT NOT NULL,"
           " start_date TEXT NOT NULL,"
           " end_date TEXT NOT NULL,"
           " reports_need_approval INTEGER NOT NULL DEFAULT 1,"
           " tolerance DOUBLE PRECISION NOT NULL DEFAULT 0.1,"
           " remind_days_before BIGINT NOT NULL DEFAULT 3,"
           " escalate_after_days BIGINT NOT NULL DEFAULT 7,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " version BIGINT NOT NULL DEFAULT 1,"
           " created_at BIGINT NOT NULL,"
           " updated_at BIGINT NOT NULL)",
           "CREATE TABLE plan_phases ("
           " plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,"
           " seq BIGINT NOT NULL,"
           " code TEXT NOT NULL,"
           " name TEXT NOT NULL,"
           " start_date TEXT NOT NULL,"
           " end_date TEXT NOT NULL,"
           " PRIMARY KEY (plan_id, code))",
           "CREATE TABLE plan_actions ("
           " plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,"
           " seq BIGINT NOT NULL,"
           " code TEXT NOT NULL,"
           " name TEXT NOT NULL,"
           " description TEXT NOT NULL DEFAULT '',"
           " phases TEXT NOT NULL DEFAULT '',"
           " PRIMARY KEY (plan_id, code))",
           "CREATE TABLE tasks ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " plan_id BIGINT NOT NULL REFERENCES plans(id),"
           " action_code TEXT NOT NULL,"
           " title TEXT NOT NULL,"
           " owner_unit_id BIGINT NOT NULL REFERENCES units(id),"
           " assigned_by_unit_id BIGINT NOT NULL REFERENCES units(id),"
           " co_units TEXT NOT NULL DEFAULT '',"
           " items TEXT NOT NULL DEFAULT '',"
           " start_date TEXT NOT NULL,"
           " due_date TEXT NOT NULL,"
           " weight DOUBLE PRECISION NOT NULL DEFAULT 1,"
           " deliverable TEXT NOT NULL DEFAULT '',"
           " evidence_required TEXT NOT NULL DEFAULT '',"
           " parent_id BIGINT REFERENCES tasks(id),"
           " reported_progress DOUBLE PRECISION NOT NULL DEFAULT 0,"
           " version BIGINT NOT NULL DEFAULT 1,"
           " created_at BIGINT NOT NULL,"
           " updated_at BIGINT NOT NULL)",
           "CREATE INDEX tasks_plan ON tasks(plan_id, code)",
           "CREATE INDEX tasks_owner ON tasks(owner_unit_id)",
           "CREATE INDEX tasks_parent ON tasks(parent_id)",
           "CREATE TABLE task_reports ("
           " id {{id}},"
           " task_id BIGINT NOT NULL REFERENCES tasks(id),"
           " progress DOUBLE PRECISION NOT NULL,"
           " note TEXT NOT NULL DEFAULT '',"
           " files TEXT NOT NULL DEFAULT '',"
           " photos TEXT NOT NULL DEFAULT '',"
           " state TEXT NOT NULL,"
           " reason TEXT NOT NULL DEFAULT '',"
           " reported_by TEXT NOT NULL,"
           " reported_at BIGINT NOT NULL,"
           " decided_by TEXT NOT NULL DEFAULT '',"
           " decided_at BIGINT)",
           "CREATE INDEX task_reports_task ON task_reports(task_id, id)",
           "CREATE TABLE task_events ("
           " task_id BIGINT NOT NULL REFERENCES tasks(id),"
           " seq BIGINT NOT NULL,"
           " action TEXT NOT NULL,"
           " actor TEXT NOT NULL,"
           " actor_name TEXT NOT NULL DEFAULT '',"
           " at BIGINT NOT NULL,"
           " note TEXT NOT NULL DEFAULT '',"
           " data TEXT NOT NULL DEFAULT '{}',"
           " PRIMARY KEY (task_id, seq))",
           // One automatic notice per task, kind and due date, however many servers run the job.
           "CREATE TABLE task_notices ("
           " task_id BIGINT NOT NULL REFERENCES tasks(id),"
           " kind TEXT NOT NULL,"
           " due_date TEXT NOT NULL,"
           " sent_at BIGINT NOT NULL,"
           " PRIMARY KEY (task_id, kind, due_date))",
       }},
      {8,
       "password history",
       {
           // The hashes of each account's recent passwords, so that a password change refuses the last five.
           "CREATE TABLE password_history ("
           " id {{id}},"
           " user_id BIGINT NOT NULL REFERENCES users(id),"
           " password_hash TEXT NOT NULL,"
           " set_at BIGINT NOT NULL)",
           "CREATE INDEX password_history_user ON password_history(user_id, id)",
       }},
      {9,
       "audit record MACs",
       {
           // HMAC-SHA256 of each audit record under a key kept outside the database (the data directory's
           // audit.key); "" for the records written before this migration, which verify reports as unkeyed.
           // Adding a column with a constant default rewrites no row, so the append-only triggers stay quiet.
           "ALTER TABLE audit_log ADD COLUMN mac TEXT NOT NULL DEFAULT ''",
       }},
      {10,
       "period lifecycle and framework drafts",
       {
           // A period is open or closed; closing keeps what its scores read (a civic-bundle/1 document of the
           // period's counted evidence) so that its scores answer as at closing.
           "ALTER TABLE periods ADD COLUMN name TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE periods ADD COLUMN state TEXT NOT NULL DEFAULT 'open'",
           "ALTER TABLE periods ADD COLUMN closed_at BIGINT",
           "ALTER TABLE periods ADD COLUMN closed_by TEXT",
           "ALTER TABLE periods ADD COLUMN snapshot TEXT",
           "CREATE TABLE framework_drafts ("
           " id {{id}},"
           " code TEXT NOT NULL,"
           " base_version INTEGER NOT NULL,"
           " document TEXT NOT NULL,"
           " version BIGINT NOT NULL DEFAULT 1,"
           " state TEXT NOT NULL DEFAULT 'draft',"
           " published_version INTEGER,"
           " created_by TEXT NOT NULL,"
           " created_at BIGINT NOT NULL,"
           " updated_at BIGINT NOT NULL)",
           "CREATE INDEX framework_drafts_code ON framework_drafts(code, id)",
       }},
      {11,
       "statistic reports and their history, statistics deadlines, negative-list event workflow",
       {
           // One reported value per (period, unit, metric) and its state (evidence.md "Statistic values"):
           // draft, submitted, approved, returned. Approving copies the value into statistic_values
           // (counted).
           "CREATE TABLE statistic_reports ("
           " id {{id}},"
           " period_id BIGINT NOT NULL REFERENCES periods(id),"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " metric TEXT NOT NULL,"
           " value DOUBLE PRECISION NOT NULL,"
           " note TEXT NOT NULL DEFAULT '',"
           " source_file TEXT NOT NULL DEFAULT '',"
           " explanation TEXT NOT NULL DEFAULT '',"
           " state TEXT NOT NULL,"
           " version BIGINT NOT NULL DEFAULT 1,"
           " reporter_id BIGINT,"
           " reported_by TEXT NOT NULL DEFAULT '',"
           " submitted_at BIGINT,"
           " decided_by TEXT NOT NULL DEFAULT '',"
           " decided_at BIGINT,"
           " return_reason TEXT NOT NULL DEFAULT '',"
           " updated_at BIGINT NOT NULL,"
           " UNIQUE (period_id, unit_id, metric))",
           "CREATE INDEX statistic_reports_metric ON statistic_reports(period_id, metric)",
           "CREATE TABLE statistic_report_events ("
           " id {{id}},"
           " report_id BIGINT NOT NULL REFERENCES statistic_reports(id),"
           " action TEXT NOT NULL,"
           " actor TEXT NOT NULL,"
           " at BIGINT NOT NULL,"
           " value DOUBLE PRECISION NOT NULL,"
           " reason TEXT NOT NULL DEFAULT '')",
           "CREATE INDEX statistic_report_events_report ON statistic_report_events(report_id, id)",
           // The day by which every statistic of a period should be submitted; absent: the period's end minus
           // 15 days.
           "CREATE TABLE statistic_deadlines ("
           " period_id BIGINT PRIMARY KEY REFERENCES periods(id),"
           " due_date TEXT NOT NULL,"
           " set_by TEXT NOT NULL,"
           " set_at BIGINT NOT NULL)",
           // Negative-list events recorded in the console (evidence.md "Negative-list events"); a withdrawn
           // event stays, uncounted. Rows from bundles get state recorded.
           "ALTER TABLE penalty_events ADD COLUMN event_date TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE penalty_events ADD COLUMN files TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE penalty_events ADD COLUMN state TEXT NOT NULL DEFAULT 'recorded'",
           "ALTER TABLE penalty_events ADD COLUMN recorded_by TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE penalty_events ADD COLUMN recorded_at BIGINT NOT NULL DEFAULT 0",
           "ALTER TABLE penalty_events ADD COLUMN withdrawn_reason TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE penalty_events ADD COLUMN withdrawn_by TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE penalty_events ADD COLUMN withdrawn_at BIGINT",
       }},
      {12,
       "material submissions (材料审核) and self-inspections (自查)",
       {
           "CREATE TABLE material_submissions ("
           " id {{id}},"
           " period_id BIGINT NOT NULL REFERENCES periods(id),"
           " item TEXT NOT NULL,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " description TEXT NOT NULL DEFAULT '',"
           " state TEXT NOT NULL,"
           " version BIGINT NOT NULL DEFAULT 1,"
           " submitted_by TEXT NOT NULL DEFAULT '',"
           " submitted_at BIGINT NOT NULL DEFAULT 0,"
           " return_reason TEXT NOT NULL DEFAULT '',"
           " created_by TEXT NOT NULL DEFAULT '',"
           " created_at BIGINT NOT NULL,"
           " updated_at BIGINT NOT NULL,"
           " UNIQUE (period_id, item, unit_id))",
           "CREATE INDEX material_submissions_queue ON material_submissions(period_id, state, item)",
           "CREATE TABLE material_submission_files ("
           " submission_id BIGINT NOT NULL REFERENCES material_submissions(id) ON DELETE CASCADE,"
           " seq INTEGER NOT NULL,"
           " file_id TEXT NOT NULL,"
           " PRIMARY KEY (submission_id, seq))",
           "CREATE TABLE material_grades_history ("
           " submission_id BIGINT NOT NULL REFERENCES material_submissions(id) ON DELETE CASCADE,"
           " seq INTEGER NOT NULL,"
           " grade TEXT NOT NULL,"
           " comment TEXT NOT NULL DEFAULT '',"
           " reviewer TEXT NOT NULL,"
           " graded_at BIGINT NOT NULL,"
           " PRIMARY KEY (submission_id, seq))",
           "CREATE TABLE material_submission_events ("
           " submission_id BIGINT NOT NULL REFERENCES material_submissions(id) ON DELETE CASCADE,"
           " seq INTEGER NOT NULL,"
           " actor TEXT NOT NULL,"
           " at BIGINT NOT NULL,"
           " action TEXT NOT NULL,"
           " reason TEXT NOT NULL DEFAULT '',"
           " PRIMARY KEY (submission_id, seq))",
           // The materials deadline of a period; none stored: the period's end minus 15 days.
           "CREATE TABLE material_deadlines ("
           " period_id BIGINT PRIMARY KEY REFERENCES periods(id),"
           " deadline TEXT NOT NULL)",
           "CREATE TABLE self_inspections ("
           " id {{id}},"
           " period_id BIGINT NOT NULL REFERENCES periods(id),"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " state TEXT NOT NULL,"
           " started_by TEXT NOT NULL,"
           " started_at BIGINT NOT NULL,"
           " finished_at BIGINT NOT NULL DEFAULT 0,"
           " UNIQUE (period_id, unit_id))",
           "CREATE TABLE self_inspection_items ("
           " self_inspection_id BIGINT NOT NULL REFERENCES self_inspections(id) ON DELETE CASCADE,"
           " item TEXT NOT NULL,"
           " self_rate DOUBLE PRECISION NOT NULL,"
           " expected TEXT NOT NULL DEFAULT '',"
           " note TEXT NOT NULL DEFAULT '',"
           " files TEXT NOT NULL DEFAULT '',"
           " updated_at BIGINT NOT NULL,"
           " PRIMARY KEY (self_inspection_id, item))",
       }},
      {13,
       "work plans: four eyes across units (a report is decided by a person of another unit)",
       {
           "ALTER TABLE plans ADD COLUMN approval_by_other_unit INTEGER NOT NULL DEFAULT 0",
       }},
      {14,
       "questionnaires (问卷调查): definitions, frozen versions, raw responses, reviews, interviewer "
       "assignments",
       {
           // draft: the definition being edited (JSON), '' when none; revision: the edit counter.
           "CREATE TABLE questionnaires ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " state TEXT NOT NULL,"
           " draft TEXT NOT NULL DEFAULT '',"
           " revision BIGINT NOT NULL DEFAULT 1,"
           " published_version INTEGER NOT NULL DEFAULT 0,"
           " created_by TEXT NOT NULL,"
           " created_at BIGINT NOT NULL,"
           " updated_by TEXT NOT NULL,"
           " updated_at BIGINT NOT NULL)",
           // A published version never changes.
           "CREATE TABLE questionnaire_versions ("
           " questionnaire_id BIGINT NOT NULL REFERENCES questionnaires(id),"
           " version INTEGER NOT NULL,"
           " definition TEXT NOT NULL,"
           " published_by TEXT NOT NULL,"
           " published_at BIGINT NOT NULL,"
           " PRIMARY KEY (questionnaire_id, version))",
           // Every raw response, counted or not. status: counted | flagged | over_quota | rejected;
           // flags: comma list; device_hash: SHA-256 of the X-Device-Token ('' without one); body_hash: what
           // makes a resubmission under the same client_id the same answer; quota_key: the stratum it was
           // checked against ('' none); evidence_code: its row in `responses` while counted ('' otherwise).
           "CREATE TABLE questionnaire_responses ("
           " id {{id}},"
           " questionnaire_id BIGINT NOT NULL REFERENCES questionnaires(id),"
           " version INTEGER NOT NULL,"
           " client_id TEXT NOT NULL,"
           " body_hash TEXT NOT NULL,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " attributes TEXT NOT NULL,"
           " answers TEXT NOT NULL,"
           " status TEXT NOT NULL,"
           " flags TEXT NOT NULL DEFAULT '',"
           " over_quota INTEGER NOT NULL DEFAULT 0,"
           " quota_key TEXT NOT NULL DEFAULT '',"
           " mode TEXT NOT NULL,"
           " interviewer TEXT NOT NULL DEFAULT '',"
           " assignment_id BIGINT,"
           " device_hash TEXT NOT NULL DEFAULT '',"
           " started_at BIGINT,"
           " submitted_at BIGINT NOT NULL,"
           " received_at BIGINT NOT NULL,"
           " duration_ms BIGINT,"
           " lat DOUBLE PRECISION,"
           " lon DOUBLE PRECISION,"
           " evidence_code TEXT NOT NULL DEFAULT '',"
           " UNIQUE (questionnaire_id, client_id))",
           "CREATE INDEX questionnaire_responses_status ON questionnaire_responses(questionnaire_id, status,"
           " duration_ms)",
           "CREATE INDEX questionnaire_responses_device ON questionnaire_responses(questionnaire_id, "
           "device_hash)",
           "CREATE INDEX questionnaire_responses_quota ON questionnaire_responses(questionnaire_id, "
           "quota_key,"
           " status)",
           "CREATE TABLE questionnaire_reviews ("
           " id {{id}},"
           " response_id BIGINT NOT NULL REFERENCES questionnaire_responses(id),"
           " decision TEXT NOT NULL,"
           " reason TEXT NOT NULL,"
           " reviewed_by TEXT NOT NULL,"
           " reviewed_at BIGINT NOT NULL)",
           "CREATE INDEX questionnaire_reviews_response ON questionnaire_reviews(response_id)",
           "CREATE TABLE questionnaire_assignments ("
           " id {{id}},"
           " questionnaire_id BIGINT NOT NULL REFERENCES questionnaires(id),"
           " interviewer_id BIGINT NOT NULL REFERENCES users(id),"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " target INTEGER NOT NULL,"
           " mode TEXT NOT NULL,"
           " created_by TEXT NOT NULL,"
           " created_at BIGINT NOT NULL)",
           "CREATE INDEX questionnaire_assignments_interviewer ON questionnaire_assignments(interviewer_id)",
       }},
      {15,
       "security settings: the security admin's overrides of the sign-in, session and password policy",
       {
           // One row per setting the security admin changed (name as GET /api/security/settings says it);
           // a setting without a row has the server's built-in value.
           "CREATE TABLE security_settings ("
           " name TEXT PRIMARY KEY,"
           " value BIGINT NOT NULL,"
           " updated_by TEXT NOT NULL,"
           " updated_at BIGINT NOT NULL)",
       }},
      {16,
       "reports: work summaries with the office's prose, their states and the published files (reports.md)",
       {
           "CREATE TABLE reports ("
           " id {{id}},"
           " template TEXT NOT NULL,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " period_id BIGINT NOT NULL REFERENCES periods(id),"
           " title TEXT NOT NULL,"
           " state TEXT NOT NULL,"
           " prose TEXT NOT NULL,"
           " version BIGINT NOT NULL DEFAULT 1,"
           " created_by TEXT NOT NULL,"
           " created_at BIGINT NOT NULL,"
           " updated_by TEXT NOT NULL,"
           " updated_at BIGINT NOT NULL,"
           " submitted_by TEXT NOT NULL DEFAULT '',"
           " decided_by TEXT NOT NULL DEFAULT '',"
           " published_at BIGINT NOT NULL DEFAULT 0,"
           " return_reason TEXT NOT NULL DEFAULT '',"
           " fingerprint_revision BIGINT NOT NULL DEFAULT 0,"
           " fingerprint_sha256 TEXT NOT NULL DEFAULT '',"
           " figures TEXT NOT NULL DEFAULT '',"
           " files TEXT NOT NULL DEFAULT '')",
           "CREATE INDEX reports_unit_period ON reports (unit_id, period_id)",
           // Every saved version of the prose, for the history.
           "CREATE TABLE report_versions ("
           " report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,"
           " version BIGINT NOT NULL,"
           " prose TEXT NOT NULL,"
           " saved_by TEXT NOT NULL,"
           " saved_at BIGINT NOT NULL,"
           " PRIMARY KEY (report_id, version))",
       }},
      {17,
       "bulletins (通报), push channels and their deliveries",
       {
           // A bulletin's data sections are frozen JSON (content) from the moment it is drafted; the office
           // writes only the prose (a JSON object of texts). Published: archived, never changed again.
           "CREATE TABLE bulletins ("
           " id {{id}},"
           " kind TEXT NOT NULL,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " period TEXT NOT NULL,"
           " round TEXT NOT NULL DEFAULT '',"
           " title TEXT NOT NULL,"
           " state TEXT NOT NULL,"
           " content TEXT NOT NULL,"
           " prose TEXT NOT NULL DEFAULT '{}',"
           " version BIGINT NOT NULL DEFAULT 1,"
           " drafted_by TEXT NOT NULL,"
           " drafted_at BIGINT NOT NULL,"
           " approved_by TEXT NOT NULL DEFAULT '',"
           " approved_at BIGINT NOT NULL DEFAULT 0,"
           " published_by TEXT NOT NULL DEFAULT '',"
           " published_at BIGINT NOT NULL DEFAULT 0,"
           " withdrawn_by TEXT NOT NULL DEFAULT '',"
           " withdrawn_at BIGINT NOT NULL DEFAULT 0,"
           " withdrawn_reason TEXT NOT NULL DEFAULT '',"
           " updated_at BIGINT NOT NULL)",
           "CREATE INDEX bulletins_unit ON bulletins(unit_id, drafted_at)",
           // Units named in a published bulletin: they (and their subtrees' officers) list it.
           "CREATE TABLE bulletin_units ("
           " bulletin_id BIGINT NOT NULL REFERENCES bulletins(id) ON DELETE CASCADE,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " PRIMARY KEY (bulletin_id, unit_id))",
           // How often a unit gets a scheduled bulletin drafted; no row: every 7 days. 0: never.
           "CREATE TABLE bulletin_schedules ("
           " unit_id BIGINT PRIMARY KEY REFERENCES units(id),"
           " every_days INTEGER NOT NULL)",
           // Push channels of a unit; the secret is encrypted (XChaCha20-Poly1305, key in the data
           // directory).
           "CREATE TABLE channels ("
           " id {{id}},"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " kind TEXT NOT NULL,"
           " target TEXT NOT NULL,"
           " secret TEXT NOT NULL DEFAULT '',"
           " created_by TEXT NOT NULL,"
           " created_at BIGINT NOT NULL,"
           " deleted_at BIGINT NOT NULL DEFAULT 0)",
           "CREATE INDEX channels_unit ON channels(unit_id)",
           "CREATE TABLE deliveries ("
           " id {{id}},"
           " channel_id BIGINT NOT NULL REFERENCES channels(id),"
           " event TEXT NOT NULL,"
           " object_type TEXT NOT NULL DEFAULT '',"
           " object_id TEXT NOT NULL DEFAULT '',"
           " title TEXT NOT NULL,"
           " body TEXT NOT NULL,"
           " status TEXT NOT NULL,"
           " attempts INTEGER NOT NULL DEFAULT 0,"
           " next_attempt_at BIGINT NOT NULL,"
           " last_error TEXT NOT NULL DEFAULT '',"
           " created_at BIGINT NOT NULL,"
           " sent_at BIGINT NOT NULL DEFAULT 0)",
           "CREATE INDEX deliveries_due ON deliveries(status, next_attempt_at)",
       }},
      {18,
       "volunteers (志愿者) and volunteer teams",
       {
           // Name, phone and ID number are sealed (XChaCha20-Poly1305, key <data dir>/volunteers.key); the ID
           // number's keyed hash (HMAC-SHA256 under a key derived from the same file) finds duplicates.
           "CREATE TABLE volunteers ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " name_sealed TEXT NOT NULL,"
           " phone_sealed TEXT NOT NULL,"
           " id_number_sealed TEXT NOT NULL,"
           " id_number_hash TEXT NOT NULL UNIQUE,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " skills TEXT NOT NULL DEFAULT '',"
           " availability TEXT NOT NULL DEFAULT '',"
           " state TEXT NOT NULL,"
           " source TEXT NOT NULL,"
           " registered_at BIGINT NOT NULL,"
           " registered_by TEXT NOT NULL DEFAULT '',"
           " confirmed_by TEXT NOT NULL DEFAULT '',"
           " confirmed_at BIGINT NOT NULL DEFAULT 0,"
           " rejected_reason TEXT NOT NULL DEFAULT '',"
           " updated_at BIGINT NOT NULL)",
           "CREATE INDEX volunteers_unit ON volunteers(unit_id, state)",
           "CREATE TABLE volunteer_teams ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " name TEXT NOT NULL,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " created_by TEXT NOT NULL,"
           " created_at BIGINT NOT NULL)",
           "CREATE TABLE volunteer_team_members ("
           " team_id BIGINT NOT NULL REFERENCES volunteer_teams(id) ON DELETE CASCADE,"
           " volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),"
           " added_by TEXT NOT NULL,"
           " added_at BIGINT NOT NULL,"
           " PRIMARY KEY (team_id, volunteer_id))",
           "CREATE INDEX volunteer_team_members_volunteer ON volunteer_team_members(volunteer_id)",
       }},
      {19,
       "activities (活动), sign-ups, service records, practice stations (新时代文明实践中心/所/站), "
       "certificates",
       {
           "CREATE TABLE practice_stations ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " name TEXT NOT NULL,"
           " level TEXT NOT NULL,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " address TEXT NOT NULL DEFAULT '',"
           " latitude DOUBLE PRECISION,"
           " longitude DOUBLE PRECISION,"
           " created_by TEXT NOT NULL,"
           " created_at BIGINT NOT NULL)",
           "CREATE INDEX practice_stations_unit ON practice_stations(unit_id)",
           // qr_token: random (not guessable), shown as the activity's QR code for check-in and check-out.
           "CREATE TABLE activities ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " type TEXT NOT NULL,"
           " title TEXT NOT NULL,"
           " starts_at BIGINT NOT NULL,"
           " ends_at BIGINT NOT NULL,"
           " place TEXT NOT NULL DEFAULT '',"
           " latitude DOUBLE PRECISION,"
           " longitude DOUBLE PRECISION,"
           " site_code TEXT NOT NULL DEFAULT '',"
           " station_id BIGINT REFERENCES practice_stations(id),"
           " capacity INTEGER NOT NULL DEFAULT 0,"
           " description TEXT NOT NULL DEFAULT '',"
           " news_link TEXT NOT NULL DEFAULT '',"
           " participants_count INTEGER NOT NULL DEFAULT 0,"
           " qr_token TEXT NOT NULL UNIQUE,"
           " state TEXT NOT NULL,"
           " created_by TEXT NOT NULL,"
           " created_at BIGINT NOT NULL,"
           " updated_at BIGINT NOT NULL)",
           "CREATE INDEX activities_unit ON activities(unit_id, starts_at)",
           "CREATE INDEX activities_station ON activities(station_id)",
           "CREATE TABLE activity_signups ("
           " activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,"
           " volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),"
           " signed_up_at BIGINT NOT NULL,"
           " PRIMARY KEY (activity_id, volunteer_id))",
           "CREATE INDEX activity_signups_volunteer ON activity_signups(volunteer_id)",
           // A correction is a new version (supersedes the old record's id); the old one is kept.
           "CREATE TABLE service_records ("
           " id {{id}},"
           " volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),"
           " activity_id BIGINT NOT NULL REFERENCES activities(id),"
           " check_in BIGINT NOT NULL DEFAULT 0,"
           " check_out BIGINT NOT NULL DEFAULT 0,"
           " hours DOUBLE PRECISION NOT NULL DEFAULT 0,"
           " state TEXT NOT NULL,"
           " needs_confirmation INTEGER NOT NULL DEFAULT 0,"
           " check_in_latitude DOUBLE PRECISION,"
           " check_in_longitude DOUBLE PRECISION,"
           " version INTEGER NOT NULL DEFAULT 1,"
           " supersedes BIGINT REFERENCES service_records(id),"
           " latest INTEGER NOT NULL DEFAULT 1,"
           " entered_by TEXT NOT NULL DEFAULT '',"
           " decided_by TEXT NOT NULL DEFAULT '',"
           " decided_at BIGINT NOT NULL DEFAULT 0,"
           " created_at BIGINT NOT NULL)",
           "CREATE INDEX service_records_volunteer ON service_records(volunteer_id, latest, state)",
           "CREATE INDEX service_records_activity ON service_records(activity_id, latest)",
           // What a certificate certified: the hours and the record ids (JSON array) at issue time.
           "CREATE TABLE volunteer_certificates ("
           " id {{id}},"
           " verification_code TEXT NOT NULL UNIQUE,"
           " volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),"
           " hours DOUBLE PRECISION NOT NULL,"
           " stars INTEGER NOT NULL,"
           " record_ids TEXT NOT NULL,"
           " issued_by TEXT NOT NULL,"
           " issued_at BIGINT NOT NULL)",
           "CREATE INDEX volunteer_certificates_volunteer ON volunteer_certificates(volunteer_id)",
       }},
      {20,
       "selections (评选) of civilized units and families: criteria, candidates, stage events, scores, "
       "objections",
       {
           "CREATE TABLE selections ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " kind TEXT NOT NULL,"
           " title TEXT NOT NULL,"
           " period TEXT NOT NULL,"
           " quota INTEGER NOT NULL,"
           " notice_days INTEGER NOT NULL,"
           " term_years INTEGER NOT NULL,"
           " nomination_deadline BIGINT NOT NULL DEFAULT 0,"
           " review_deadline BIGINT NOT NULL DEFAULT 0,"
           " scoring_deadline BIGINT NOT NULL DEFAULT 0,"
           " created_by TEXT NOT NULL,"
           " created_at BIGINT NOT NULL)",
           "CREATE TABLE selection_criteria ("
           " id {{id}},"
           " selection_id BIGINT NOT NULL REFERENCES selections(id) ON DELETE CASCADE,"
           " code TEXT NOT NULL,"
           " text TEXT NOT NULL,"
           " max_points DOUBLE PRECISION NOT NULL,"
           " sort_order INTEGER NOT NULL DEFAULT 0,"
           " UNIQUE (selection_id, code))",
           "CREATE TABLE selection_candidates ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " selection_id BIGINT NOT NULL REFERENCES selections(id),"
           " name TEXT NOT NULL,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " nominated_by_unit_id BIGINT NOT NULL REFERENCES units(id),"
           " nominated_by TEXT NOT NULL,"
           " materials TEXT NOT NULL DEFAULT '',"
           " stage TEXT NOT NULL,"
           " withdrawn_reason TEXT NOT NULL DEFAULT '',"
           " notice_started_at BIGINT NOT NULL DEFAULT 0,"
           " named_at BIGINT NOT NULL DEFAULT 0,"
           " title_valid_until BIGINT NOT NULL DEFAULT 0,"
           // A named title is flagged for withdrawal on read: a recorded negative-list event in its unit
           // after naming or the last re-examination (no stored flag to fall out of date).
           " reexamined_at BIGINT NOT NULL DEFAULT 0,"
           " created_at BIGINT NOT NULL,"
           " updated_at BIGINT NOT NULL)",
           "CREATE INDEX selection_candidates_selection ON selection_candidates(selection_id, stage)",
           "CREATE INDEX selection_candidates_unit ON selection_candidates(unit_id)",
           "CREATE TABLE selection_candidate_events ("
           " id {{id}},"
           " candidate_id BIGINT NOT NULL REFERENCES selection_candidates(id) ON DELETE CASCADE,"
           " from_stage TEXT NOT NULL,"
           " to_stage TEXT NOT NULL,"
           " actor TEXT NOT NULL,"
           " at BIGINT NOT NULL,"
           " note TEXT NOT NULL DEFAULT '')",
           "CREATE INDEX selection_candidate_events_candidate ON selection_candidate_events(candidate_id, "
           "at)",
           // One row per (candidate, reviewer); `points` is a JSON object {criterion code: points}.
           "CREATE TABLE selection_scores ("
           " id {{id}},"
           " candidate_id BIGINT NOT NULL REFERENCES selection_candidates(id) ON DELETE CASCADE,"
           " reviewer TEXT NOT NULL,"
           " points TEXT NOT NULL,"
           " total DOUBLE PRECISION NOT NULL,"
           " scored_at BIGINT NOT NULL,"
           " UNIQUE (candidate_id, reviewer))",
           // The contact phone is personal data: sealed under the volunteers key like volunteer phones.
           "CREATE TABLE selection_objections ("
           " id {{id}},"
           " candidate_id BIGINT NOT NULL REFERENCES selection_candidates(id) ON DELETE CASCADE,"
           " text TEXT NOT NULL,"
           " contact_name TEXT NOT NULL,"
           " contact_phone_sealed TEXT NOT NULL,"
           " state TEXT NOT NULL,"
           " resolution_note TEXT NOT NULL DEFAULT '',"
           " resolved_by TEXT NOT NULL DEFAULT '',"
           " resolved_at BIGINT NOT NULL DEFAULT 0,"
           " lodged_at BIGINT NOT NULL)",
           "CREATE INDEX selection_objections_candidate ON selection_objections(candidate_id, state)",
       }},
      {21,
       "leadership groups (领导小组, 指导委员会) in dated versions with members; units' dated responsible "
       "persons (第一责任人, 联络员)",
       {
           // Dates are ISO YYYY-MM-DD text; a version holds valid_from <= d < valid_to, valid_to '' = open.
           "CREATE TABLE leadership_groups ("
           " id {{id}},"
           " code TEXT NOT NULL UNIQUE,"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " kind TEXT NOT NULL,"
           " name TEXT NOT NULL,"
           " created_by TEXT NOT NULL,"
           " created_at BIGINT NOT NULL)",
           "CREATE INDEX leadership_groups_unit ON leadership_groups(unit_id)",
           // The notice (通知) that formed or re-formed the group: its number (〔2026〕12号), title and
           // optionally the stored file of the document (stored_files.sha256).
           "CREATE TABLE leadership_group_versions ("
           " id {{id}},"
           " group_id BIGINT NOT NULL REFERENCES leadership_groups(id) ON DELETE CASCADE,"
           " valid_from {{ctext}} NOT NULL,"
           " valid_to {{ctext}} NOT NULL DEFAULT '',"
           " notice_number TEXT NOT NULL,"
           " notice_title TEXT NOT NULL,"
           " notice_file TEXT NOT NULL DEFAULT '',"
           " created_by TEXT NOT NULL,"
           " created_at BIGINT NOT NULL,"
           " UNIQUE (group_id, valid_from))",
           "CREATE TABLE leadership_group_members ("
           " id {{id}},"
           " version_id BIGINT NOT NULL REFERENCES leadership_group_versions(id) ON DELETE CASCADE,"
           " name TEXT NOT NULL,"
           " position TEXT NOT NULL DEFAULT '',"
           " role TEXT NOT NULL,"
           " duties TEXT NOT NULL DEFAULT '',"
           " sort_order INTEGER NOT NULL DEFAULT 0)",
           "CREATE INDEX leadership_group_members_version ON leadership_group_members(version_id, "
           "sort_order)",
           // The phone is personal data: sealed under the volunteers key like volunteer phones.
           "CREATE TABLE unit_responsible_persons ("
           " id {{id}},"
           " unit_id BIGINT NOT NULL REFERENCES units(id),"
           " kind TEXT NOT NULL,"
           " name TEXT NOT NULL,"
           " position TEXT NOT NULL DEFAULT '',"
           " phone_sealed TEXT NOT NULL,"
           " valid_from {{ctext}} NOT NULL,"
           " valid_to {{ctext}} NOT NULL DEFAULT '',"
           " created_by TEXT NOT NULL,"
           " created_at BIGINT NOT NULL,"
           " UNIQUE (unit_id, kind, valid_from))",
       }},
      {22,
       "activities edited (a version for optimistic concurrency) and cancelled with a reason; the reason a "
       "service record was rejected",
       {
           "ALTER TABLE activities ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
           "ALTER TABLE activities ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE service_records ADD COLUMN decision_reason TEXT NOT NULL DEFAULT ''",
       }},
  };
  return list;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

void ensure_version_table(soci::session& sql) {
  sql << "CREATE TABLE IF NOT EXISTS schema_version ("
         " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
}

int read_version(soci::session& sql) {
  long long v = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(version) FROM schema_version", soci::into(v, ind);
  return ind == soci::i_ok ? static_cast<int>(v) : 0;
}

bool has_version_table(Database& db, soci::session& sql) {
  long long n = 0;
  if (db.dialect() == Dialect::sqlite) {
    sql << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
        soci::into(n);
  } else {
    sql << "SELECT COUNT(*) FROM information_schema.tables"
           " WHERE table_schema = current_schema() AND table_name = 'schema_version'",
        soci::into(n);
  }
  return n > 0;
}

}  // namespace

const std::vector<Migration>& migrations() {
  return all();
}

int latest_schema_version() {
  return all().empty() ? 0 : all().back().version;
}

std::string dialect_sql(const std::string& sql, Dialect dialect) {
  std::string out = sql;
  bool pg = dialect == Dialect::postgresql;
  replace_all(
      out, "{{id}}",
      pg ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT");
  replace_all(out, "{{ctext}}", pg ? "TEXT COLLATE \"C\"" : "TEXT");
  return out;
}

int schema_version(Database& db) {
  auto lease = db.lease();
  if (!has_version_table(db, *lease)) return 0;
  return read_version(*lease);
}

std::vector<int> migrate(Database& db, int up_to) {
  std::vector<int> applied;
  {
    auto lease = db.lease();
    ensure_version_table(*lease);
  }
  for (const Migration& m : all()) {
    if (up_to > 0 && m.version > up_to) break;
    bool ran = db.transact([&](soci::session& sql) {
      // Several processes may migrate at once: serialize, then re-read the version inside the lock.
      if (db.dialect() == Dialect::postgresql) sql << "SELECT pg_advisory_xact_lock(7201001)";
      int current = read_version(sql);
      if (current > latest_schema_version()) {
        throw SchemaMismatch("the database schema is version " + std::to_string(current) +
                             ", newer than this civic (" + std::to_string(latest_schema_version()) +
                             "); upgrade civic");
      }
      if (current >= m.version) return false;
      for (const std::string& statement : m.statements) {
        std::string text = statement;
        if (text.rfind("sqlite:", 0) == 0) {
          if (db.dialect() != Dialect::sqlite) continue;
          text = text.substr(7);
        } else if (text.rfind("postgresql:", 0) == 0) {
          if (db.dialect() != Dialect::postgresql) continue;
          text = text.substr(11);
        }
        sql << dialect_sql(text, db.dialect());
      }
      long long now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
      int version = m.version;
      std::string name = m.name;
      sql << "INSERT INTO schema_version (version, name, applied_at) VALUES (:v, :n, :t)", soci::use(version),
          soci::use(name), soci::use(now);
      return true;
    });
    if (ran) applied.push_back(m.version);
  }
  return applied;
}

void check_schema(Database& db) {
  int current = schema_version(db);
  int latest = latest_schema_version();
  if (current == 0) {
    throw SchemaMismatch("the database " + db.display_url() +
                         " has no Civic schema; run `civic migrate` (or `civic init`) first");
  }
  if (current < latest) {
    throw SchemaMismatch("the database schema is version " + std::to_string(current) + ", this civic needs " +
                         std::to_string(latest) + "; run `civic migrate`");
  }
  if (current > latest) {
    throw SchemaMismatch("the database schema is version " + std::to_string(current) +
                         ", newer than this civic (" + std::to_string(latest) + "); upgrade civic");
  }
}

std::unique_ptr<Database> open_current(const std::string& url, DatabaseOptions options) {
  auto db = Database::open(url, options);
  check_schema(*db);
  return db;
}

}  // namespace civic::store
