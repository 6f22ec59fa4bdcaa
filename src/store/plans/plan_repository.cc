#include "store/plans/plan_repository.h"

#include "store/core/bulk_insert.h"

namespace civic::store {

namespace {

const char* kPlanColumns =
    "SELECT id, code, name, period, start_date, end_date, reports_need_approval, approval_by_other_unit, "
    "tolerance, "
    "remind_days_before,"
    " escalate_after_days, unit_id, version, created_at FROM plans ";

struct PlanBinding {
  PlanRow row;
  long long approval = 1, other_unit = 0;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.code));
    st.exchange(soci::into(row.name));
    st.exchange(soci::into(row.period));
    st.exchange(soci::into(row.start));
    st.exchange(soci::into(row.end));
    st.exchange(soci::into(approval));
    st.exchange(soci::into(other_unit));
    st.exchange(soci::into(row.tolerance));
    st.exchange(soci::into(row.remind_days_before));
    st.exchange(soci::into(row.escalate_after_days));
    st.exchange(soci::into(row.unit_id));
    st.exchange(soci::into(row.version));
    st.exchange(soci::into(row.created_at));
  }
  PlanRow take() {
    PlanRow r = row;
    r.reports_need_approval = approval != 0;
    r.approval_by_other_unit = other_unit != 0;
    return r;
  }
};

const char* kTaskColumns =
    "SELECT t.id, t.code, t.plan_id, p.code, t.action_code, t.title, t.owner_unit_id, o.code, o.name,"
    " o.name_en, o.path, t.assigned_by_unit_id, a.code, a.path, t.co_units, t.items, t.start_date, "
    "t.due_date, t.weight,"
    " t.deliverable, t.evidence_required, t.parent_id, COALESCE(pt.code, ''), t.reported_progress, t.version"
    " FROM tasks t JOIN plans p ON p.id = t.plan_id JOIN units o ON o.id = t.owner_unit_id"
    " JOIN units a ON a.id = t.assigned_by_unit_id LEFT JOIN tasks pt ON pt.id = t.parent_id ";

struct TaskBinding {
  TaskRow row;
  std::string co_units, items;
  long long parent = 0;
  soci::indicator parent_ind = soci::i_null;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.code));
    st.exchange(soci::into(row.plan_id));
    st.exchange(soci::into(row.plan));
    st.exchange(soci::into(row.action));
    st.exchange(soci::into(row.title));
    st.exchange(soci::into(row.owner_unit_id));
    st.exchange(soci::into(row.owner));
    st.exchange(soci::into(row.owner_name));
    st.exchange(soci::into(row.owner_name_en));
    st.exchange(soci::into(row.owner_path));
    st.exchange(soci::into(row.assigned_by_unit_id));
    st.exchange(soci::into(row.assigned_by));
    st.exchange(soci::into(row.assigned_by_path));
    st.exchange(soci::into(co_units));
    st.exchange(soci::into(items));
    st.exchange(soci::into(row.start));
    st.exchange(soci::into(row.due));
    st.exchange(soci::into(row.weight));
    st.exchange(soci::into(row.deliverable));
    st.exchange(soci::into(row.evidence_required));
    st.exchange(soci::into(parent, parent_ind));
    st.exchange(soci::into(row.parent));
    st.exchange(soci::into(row.reported_progress));
    st.exchange(soci::into(row.version));
  }
  TaskRow take() {
    TaskRow r = row;
    r.co_units = split_codes(co_units);
    r.items = split_codes(items);
    r.parent_id = parent_ind == soci::i_ok ? std::optional<long long>(parent) : std::nullopt;
    return r;
  }
};

const char* kReportColumns =
    "SELECT id, task_id, progress, note, files, photos, state, reason, reported_by, reported_at, decided_by,"
    " decided_at FROM task_reports ";

struct ReportBinding {
  TaskReportRow row;
  std::string files, photos;
  long long decided_at = 0;
  soci::indicator decided_ind = soci::i_null;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.task_id));
    st.exchange(soci::into(row.progress));
    st.exchange(soci::into(row.note));
    st.exchange(soci::into(files));
    st.exchange(soci::into(photos));
    st.exchange(soci::into(row.state));
    st.exchange(soci::into(row.reason));
    st.exchange(soci::into(row.reported_by));
    st.exchange(soci::into(row.reported_at));
    st.exchange(soci::into(row.decided_by));
    st.exchange(soci::into(decided_at, decided_ind));
  }
  TaskReportRow take() {
    TaskReportRow r = row;
    r.files = split_codes(files);
    r.photos = split_codes(photos);
    r.decided_at = decided_ind == soci::i_ok ? std::optional<TimeMs>(decided_at) : std::nullopt;
    return r;
  }
};

// Runs columns + tail with `bind_uses` binding the parameters; returns every row.
template <typename Binding, typename BindUses>
auto select_rows(soci::session& sql, const std::string& query, BindUses bind_uses) {
  Binding b;
  soci::statement st(sql);
  b.bind(st);
  bind_uses(st);
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  std::vector<decltype(b.take())> out;
  if (st.execute(true)) {
    do {
      out.push_back(b.take());
    } while (st.fetch());
  }
  return out;
}

auto no_uses = [](soci::statement&) {};

template <typename T>
std::optional<T> first(std::vector<T> v) {
  if (v.empty()) return std::nullopt;
  return std::move(v.front());
}

}  // namespace

std::string join_codes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) {
    if (!out.empty()) out += ',';
    out += c;
  }
  return out;
}

std::vector<std::string> split_codes(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

PlanRow PlanRepository::insert_plan(PlanRow plan, TimeMs now) {
  long long approval = plan.reports_need_approval ? 1 : 0, other_unit = plan.approval_by_other_unit ? 1 : 0;
  sql_ << "INSERT INTO plans (code, name, period, start_date, end_date, reports_need_approval,"
          " approval_by_other_unit, tolerance, remind_days_before, escalate_after_days, unit_id, version,"
          " created_at, updated_at) VALUES (:c, :n, :p, :s, :e, :a, :o, :t, :r, :x, :u, 1, :now, :now2)"
          " RETURNING id",
      soci::use(plan.code), soci::use(plan.name), soci::use(plan.period), soci::use(plan.start),
      soci::use(plan.end), soci::use(approval), soci::use(other_unit), soci::use(plan.tolerance),
      soci::use(plan.remind_days_before), soci::use(plan.escalate_after_days), soci::use(plan.unit_id),
      soci::use(now), soci::use(now), soci::into(plan.id);
  long long seq = 0;
  for (const auto& ph : plan.phases) {
    ++seq;
    sql_ << "INSERT INTO plan_phases (plan_id, seq, code, name, start_date, end_date) VALUES (:p, :s, :c, :n,"
            " :a, :b)",
        soci::use(plan.id), soci::use(seq), soci::use(ph.code), soci::use(ph.name), soci::use(ph.start),
        soci::use(ph.end);
  }
  seq = 0;
  for (const auto& a : plan.actions) {
    ++seq;
    std::string phases = join_codes(a.phases);
    sql_ << "INSERT INTO plan_actions (plan_id, seq, code, name, description, phases) VALUES (:p, :s, :c, :n,"
            " :d, :ph)",
        soci::use(plan.id), soci::use(seq), soci::use(a.code), soci::use(a.name), soci::use(a.description),
        soci::use(phases);
  }
  plan.version = 1;
  plan.created_at = now;
  return plan;
}

void PlanRepository::load_parts(PlanRow& plan) {
  {
    PlanPhaseRow ph;
    soci::statement st = (sql_.prepare << "SELECT code, name, start_date, end_date FROM plan_phases"
                                          " WHERE plan_id = :p ORDER BY seq",
                          soci::use(plan.id), soci::into(ph.code), soci::into(ph.name), soci::into(ph.start),
                          soci::into(ph.end));
    if (st.execute(true)) {
      do {
        plan.phases.push_back(ph);
      } while (st.fetch());
    }
  }
  PlanActionRow a;
  std::string phases;
  soci::statement st = (sql_.prepare << "SELECT code, name, description, phases FROM plan_actions"
                                        " WHERE plan_id = :p ORDER BY seq",
                        soci::use(plan.id), soci::into(a.code), soci::into(a.name), soci::into(a.description),
                        soci::into(phases));
  if (st.execute(true)) {
    do {
      a.phases = split_codes(phases);
      plan.actions.push_back(a);
    } while (st.fetch());
  }
}

std::optional<PlanRow> PlanRepository::find_plan(const std::string& code) {
  auto p = first(select_rows<PlanBinding>(sql_, std::string(kPlanColumns) + "WHERE code = :c",
                                          [&](soci::statement& st) { st.exchange(soci::use(code)); }));
  if (p) load_parts(*p);
  return p;
}

std::optional<PlanRow> PlanRepository::find_plan_by_id(long long id) {
  auto p = first(select_rows<PlanBinding>(sql_, std::string(kPlanColumns) + "WHERE id = :i",
                                          [&](soci::statement& st) { st.exchange(soci::use(id)); }));
  if (p) load_parts(*p);
  return p;
}

std::vector<PlanRow> PlanRepository::plans(const std::string& period) {
  std::vector<PlanRow> out;
  if (period.empty()) {
    out = select_rows<PlanBinding>(sql_, std::string(kPlanColumns) + "ORDER BY period, code", no_uses);
  } else {
    out = select_rows<PlanBinding>(sql_, std::string(kPlanColumns) + "WHERE period = :p ORDER BY code",
                                   [&](soci::statement& st) { st.exchange(soci::use(period)); });
  }
  for (auto& p : out) load_parts(p);
  return out;
}

long long PlanRepository::insert_task(const TaskRow& t, TimeMs now) {
  long long id = 0;
  std::string co = join_codes(t.co_units), items = join_codes(t.items);
  long long parent = t.parent_id.value_or(0);
  soci::indicator parent_ind = t.parent_id ? soci::i_ok : soci::i_null;
  sql_
      << "INSERT INTO tasks (code, plan_id, action_code, title, owner_unit_id, assigned_by_unit_id, co_units,"
         " items, start_date, due_date, weight, deliverable, evidence_required, parent_id, reported_progress,"
         " version, created_at, updated_at) VALUES (:code, :plan, :action, :title, :owner, :by, :co, :items,"
         " :start, :due, :w, :d, :e, :parent, 0, 1, :now, :now2) RETURNING id",
      soci::use(t.code), soci::use(t.plan_id), soci::use(t.action), soci::use(t.title),
      soci::use(t.owner_unit_id), soci::use(t.assigned_by_unit_id), soci::use(co), soci::use(items),
      soci::use(t.start), soci::use(t.due), soci::use(t.weight), soci::use(t.deliverable),
      soci::use(t.evidence_required), soci::use(parent, parent_ind), soci::use(now), soci::use(now),
      soci::into(id);
  return id;
}

std::unordered_map<std::string, long long> PlanRepository::insert_tasks(const std::vector<TaskRow>& tasks,
                                                                        TimeMs now) {
  using T = BulkInserter::Type;
  BulkInserter in(sql_, "tasks",
                  {{"code", T::text},
                   {"plan_id", T::integer},
                   {"action_code", T::text},
                   {"title", T::text},
                   {"owner_unit_id", T::integer},
                   {"assigned_by_unit_id", T::integer},
                   {"co_units", T::text},
                   {"items", T::text},
                   {"start_date", T::text},
                   {"due_date", T::text},
                   {"weight", T::real},
                   {"deliverable", T::text},
                   {"evidence_required", T::text},
                   {"parent_id", T::integer},
                   {"reported_progress", T::real},
                   {"version", T::integer},
                   {"created_at", T::integer},
                   {"updated_at", T::integer}});
  std::vector<std::string> codes;
  for (const TaskRow& t : tasks) {
    in.text(t.code).integer(t.plan_id).text(t.action).text(t.title).integer(t.owner_unit_id);
    in.integer(t.assigned_by_unit_id).text(join_codes(t.co_units)).text(join_codes(t.items));
    in.text(t.start).text(t.due).real(t.weight).text(t.deliverable).text(t.evidence_required);
    in.integer_or_null(t.parent_id).real(0).integer(1).integer(now).integer(now);
    in.end_row();
    codes.push_back(t.code);
  }
  in.flush();
  return ids_by_code(sql_, "tasks", codes);
}

std::unordered_set<std::string> PlanRepository::existing_task_codes(const std::vector<std::string>& codes) {
  return existing_codes(sql_, "tasks", "code", codes);
}

bool PlanRepository::update_task(const TaskRow& t, long long expected_version, TimeMs now) {
  std::string co = join_codes(t.co_units), items = join_codes(t.items);
  soci::statement st =
      (sql_.prepare << "UPDATE tasks SET action_code = :a, title = :t, owner_unit_id = :o, co_units = :co,"
                       " items = :i, start_date = :s, due_date = :d, weight = :w, deliverable = :dl,"
                       " evidence_required = :e, version = version + 1, updated_at = :now"
                       " WHERE id = :id AND version = :v",
       soci::use(t.action), soci::use(t.title), soci::use(t.owner_unit_id), soci::use(co), soci::use(items),
       soci::use(t.start), soci::use(t.due), soci::use(t.weight), soci::use(t.deliverable),
       soci::use(t.evidence_required), soci::use(now), soci::use(t.id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool PlanRepository::touch_task(long long id, long long expected_version, TimeMs now) {
  soci::statement st = (sql_.prepare << "UPDATE tasks SET version = version + 1, updated_at = :now"
                                        " WHERE id = :id AND version = :v",
                        soci::use(now), soci::use(id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void PlanRepository::set_reported_progress(long long task_id, double progress) {
  sql_ << "UPDATE tasks SET reported_progress = :p WHERE id = :id", soci::use(progress), soci::use(task_id);
}

std::optional<TaskRow> PlanRepository::find_task(const std::string& code) {
  return first(select_rows<TaskBinding>(sql_, std::string(kTaskColumns) + "WHERE t.code = :c",
                                        [&](soci::statement& st) { st.exchange(soci::use(code)); }));
}

std::vector<TaskRow> PlanRepository::tasks(long long plan_id) {
  if (plan_id == 0)
    return select_rows<TaskBinding>(sql_, std::string(kTaskColumns) + "ORDER BY t.code", no_uses);
  return select_rows<TaskBinding>(sql_, std::string(kTaskColumns) + "WHERE t.plan_id = :p ORDER BY t.code",
                                  [&](soci::statement& st) { st.exchange(soci::use(plan_id)); });
}

std::vector<TaskRow> PlanRepository::children(long long task_id) {
  return select_rows<TaskBinding>(sql_, std::string(kTaskColumns) + "WHERE t.parent_id = :p ORDER BY t.code",
                                  [&](soci::statement& st) { st.exchange(soci::use(task_id)); });
}

long long PlanRepository::insert_report(const TaskReportRow& r) {
  long long id = 0;
  std::string files = join_codes(r.files), photos = join_codes(r.photos);
  sql_ << "INSERT INTO task_reports (task_id, progress, note, files, photos, state, reason, reported_by,"
          " reported_at, decided_by) VALUES (:t, :p, :n, :f, :ph, :s, '', :by, :at, '') RETURNING id",
      soci::use(r.task_id), soci::use(r.progress), soci::use(r.note), soci::use(files), soci::use(photos),
      soci::use(r.state), soci::use(r.reported_by), soci::use(r.reported_at), soci::into(id);
  return id;
}

std::vector<TaskReportRow> PlanRepository::reports(long long task_id) {
  return select_rows<ReportBinding>(sql_, std::string(kReportColumns) + "WHERE task_id = :t ORDER BY id",
                                    [&](soci::statement& st) { st.exchange(soci::use(task_id)); });
}

std::optional<TaskReportRow> PlanRepository::find_report(long long id) {
  return first(select_rows<ReportBinding>(sql_, std::string(kReportColumns) + "WHERE id = :i",
                                          [&](soci::statement& st) { st.exchange(soci::use(id)); }));
}

void PlanRepository::decide_report(long long id, const std::string& state, const std::string& reason,
                                   const std::string& decided_by, TimeMs at) {
  sql_ << "UPDATE task_reports SET state = :s, reason = :r, decided_by = :b, decided_at = :a WHERE id = :i",
      soci::use(state), soci::use(reason), soci::use(decided_by), soci::use(at), soci::use(id);
}

std::optional<double> PlanRepository::latest_approved_progress(long long task_id) {
  double p = 0;
  soci::statement st = (sql_.prepare << "SELECT progress FROM task_reports WHERE task_id = :t AND state ="
                                        " 'approved' ORDER BY id DESC LIMIT 1",
                        soci::use(task_id), soci::into(p));
  if (!st.execute(true)) return std::nullopt;
  return p;
}

long long PlanRepository::append_event(long long task_id, const TaskEventRow& e) {
  long long seq = 0;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT MAX(seq) FROM task_events WHERE task_id = :t", soci::use(task_id), soci::into(seq, ind);
  seq = ind == soci::i_ok ? seq + 1 : 1;
  sql_ << "INSERT INTO task_events (task_id, seq, action, actor, actor_name, at, note, data) VALUES (:t, :s, "
          ":a,"
          " :ac, :an, :at, :n, :d)",
      soci::use(task_id), soci::use(seq), soci::use(e.action), soci::use(e.actor), soci::use(e.actor_name),
      soci::use(e.at), soci::use(e.note), soci::use(e.data);
  return seq;
}

void PlanRepository::insert_first_events(const std::vector<std::pair<long long, TaskEventRow>>& events) {
  using T = BulkInserter::Type;
  BulkInserter in(sql_, "task_events",
                  {{"task_id", T::integer},
                   {"seq", T::integer},
                   {"action", T::text},
                   {"actor", T::text},
                   {"actor_name", T::text},
                   {"at", T::integer},
                   {"note", T::text},
                   {"data", T::text}});
  for (const auto& [task_id, e] : events) {
    in.integer(task_id).integer(1).text(e.action).text(e.actor).text(e.actor_name).integer(e.at).text(e.note);
    in.text(e.data);
    in.end_row();
  }
  in.flush();
}

std::vector<TaskEventRow> PlanRepository::events(long long task_id) {
  std::vector<TaskEventRow> out;
  TaskEventRow e;
  soci::statement st =
      (sql_.prepare << "SELECT seq, action, actor, actor_name, at, note, data FROM task_events"
                       " WHERE task_id = :t ORDER BY seq",
       soci::use(task_id), soci::into(e.seq), soci::into(e.action), soci::into(e.actor),
       soci::into(e.actor_name), soci::into(e.at), soci::into(e.note), soci::into(e.data));
  if (st.execute(true)) {
    do {
      out.push_back(e);
    } while (st.fetch());
  }
  return out;
}

bool PlanRepository::record_notice(long long task_id, const std::string& kind, const std::string& due_date,
                                   TimeMs now) {
  soci::statement st =
      (sql_.prepare << "INSERT INTO task_notices (task_id, kind, due_date, sent_at) VALUES (:t,"
                       " :k, :d, :n) ON CONFLICT DO NOTHING",
       soci::use(task_id), soci::use(kind), soci::use(due_date), soci::use(now));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<std::string> PlanRepository::user_display_name(long long user_id) {
  std::string name;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT display_name FROM users WHERE id = :id", soci::use(user_id), soci::into(name, ind);
  if (!sql_.got_data() || ind != soci::i_ok) return std::nullopt;
  return name;
}

}  // namespace civic::store
