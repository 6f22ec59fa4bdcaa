#include "store/cases/case_repository.h"

#include <algorithm>
#include <cmath>

#include "store/units/unit_repository.h"

namespace civic::store {

namespace {

const char* kColumns =
    "SELECT c.id, c.code, c.title, c.description, c.category, c.severity, c.state, c.source,"
    " c.unit_id, COALESCE(u.code, ''), COALESCE(u.name, ''), COALESCE(u.path, ''),"
    " c.reporting_unit_id, COALESCE(ru.path, ''), c.site_id, COALESCE(s.code, ''), COALESCE(s.name, ''),"
    " c.item, c.check_code, c.inspection, c.failure_count, c.lat, c.lon, c.address, c.photos, c.contact,"
    " c.reporter_user_id, c.reported_at, c.first_dispatched_at, c.due_at, c.closed_at, c.outcome,"
    " c.escalation_level, c.rework_count, c.reopen_count, c.send_back_count, c.postponement_pending,"
    " c.postponement_approved, c.handled_once, c.requested_due_at, c.possible_duplicate_of, c.duplicate_of,"
    " c.version, c.updated_at"
    " FROM cases c LEFT JOIN units u ON u.id = c.unit_id LEFT JOIN units ru ON ru.id = c.reporting_unit_id"
    " LEFT JOIN sites s ON s.id = c.site_id ";

template <typename T>
struct Nullable {
  T value{};
  soci::indicator ind = soci::i_null;
  Nullable() = default;
  explicit Nullable(const std::optional<T>& v) : value(v.value_or(T{})), ind(v ? soci::i_ok : soci::i_null) {}
  std::optional<T> get() const { return ind == soci::i_ok ? std::optional<T>(value) : std::nullopt; }
};

struct CaseBinding {
  CaseRow row;
  Nullable<long long> unit_id, reporting_unit_id, site_id, reporter, first_dispatched, due, closed, requested;
  Nullable<std::string> item, check, inspection, outcome, possible_dup, dup;
  Nullable<double> lat, lon;
  long long failure = 0, escalation = 0, rework = 0, reopen = 0, send_back = 0, pending = 0, approved = 0,
            handled = 0;

  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.code));
    st.exchange(soci::into(row.title));
    st.exchange(soci::into(row.description));
    st.exchange(soci::into(row.category));
    st.exchange(soci::into(row.severity));
    st.exchange(soci::into(row.state));
    st.exchange(soci::into(row.source));
    st.exchange(soci::into(unit_id.value, unit_id.ind));
    st.exchange(soci::into(row.unit_code));
    st.exchange(soci::into(row.unit_name));
    st.exchange(soci::into(row.unit_path));
    st.exchange(soci::into(reporting_unit_id.value, reporting_unit_id.ind));
    st.exchange(soci::into(row.reporting_unit_path));
    st.exchange(soci::into(site_id.value, site_id.ind));
    st.exchange(soci::into(row.site_code));
    st.exchange(soci::into(row.site_name));
    st.exchange(soci::into(item.value, item.ind));
    st.exchange(soci::into(check.value, check.ind));
    st.exchange(soci::into(inspection.value, inspection.ind));
    st.exchange(soci::into(failure));
    st.exchange(soci::into(lat.value, lat.ind));
    st.exchange(soci::into(lon.value, lon.ind));
    st.exchange(soci::into(row.address));
    st.exchange(soci::into(row.photos));
    st.exchange(soci::into(row.contact));
    st.exchange(soci::into(reporter.value, reporter.ind));
    st.exchange(soci::into(row.reported_at));
    st.exchange(soci::into(first_dispatched.value, first_dispatched.ind));
    st.exchange(soci::into(due.value, due.ind));
    st.exchange(soci::into(closed.value, closed.ind));
    st.exchange(soci::into(outcome.value, outcome.ind));
    st.exchange(soci::into(escalation));
    st.exchange(soci::into(rework));
    st.exchange(soci::into(reopen));
    st.exchange(soci::into(send_back));
    st.exchange(soci::into(pending));
    st.exchange(soci::into(approved));
    st.exchange(soci::into(handled));
    st.exchange(soci::into(requested.value, requested.ind));
    st.exchange(soci::into(possible_dup.value, possible_dup.ind));
    st.exchange(soci::into(dup.value, dup.ind));
    st.exchange(soci::into(row.version));
    st.exchange(soci::into(row.updated_at));
  }

  CaseRow take() const {
    CaseRow r = row;
    r.unit_id = unit_id.get();
    r.reporting_unit_id = reporting_unit_id.get();
    r.site_id = site_id.get();
    r.item = item.get();
    r.check_code = check.get();
    r.inspection = inspection.get();
    r.failure_count = static_cast<int>(failure);
    r.lat = lat.get();
    r.lon = lon.get();
    r.reporter_user_id = reporter.get();
    r.first_dispatched_at = first_dispatched.get();
    r.due_at = due.get();
    r.closed_at = closed.get();
    r.outcome = outcome.get();
    r.escalation_level = static_cast<int>(escalation);
    r.rework_count = static_cast<int>(rework);
    r.reopen_count = static_cast<int>(reopen);
    r.send_back_count = static_cast<int>(send_back);
    r.postponement_pending = pending != 0;
    r.postponement_approved = approved != 0;
    r.handled_once = handled != 0;
    r.requested_due_at = requested.get();
    r.possible_duplicate_of = possible_dup.get();
    r.duplicate_of = dup.get();
    return r;
  }
};

// The mutable columns as bound values, shared by insert and update.
struct CaseValues {
  Nullable<long long> unit_id, reporting_unit_id, site_id, reporter, first_dispatched, due, closed, requested;
  Nullable<std::string> item, check, inspection, outcome, possible_dup, dup;
  Nullable<double> lat, lon;
  long long failure, escalation, rework, reopen, send_back, pending, approved, handled;
  explicit CaseValues(const CaseRow& r)
      : unit_id(r.unit_id),
        reporting_unit_id(r.reporting_unit_id),
        site_id(r.site_id),
        reporter(r.reporter_user_id),
        first_dispatched(r.first_dispatched_at),
        due(r.due_at),
        closed(r.closed_at),
        requested(r.requested_due_at),
        item(r.item),
        check(r.check_code),
        inspection(r.inspection),
        outcome(r.outcome),
        possible_dup(r.possible_duplicate_of),
        dup(r.duplicate_of),
        lat(r.lat),
        lon(r.lon),
        failure(r.failure_count),
        escalation(r.escalation_level),
        rework(r.rework_count),
        reopen(r.reopen_count),
        send_back(r.send_back_count),
        pending(r.postponement_pending ? 1 : 0),
        approved(r.postponement_approved ? 1 : 0),
        handled(r.handled_once ? 1 : 0) {}
};

const char* const kOpenStates = "c.state NOT IN ('rejected', 'closed')";

// `column` in the subtree of `path` (a path range).
std::string in_subtree(const std::string& column, const std::string& path, SqlParams& params) {
  return "(" + column + " >= " + params.text(path) + " AND " + column + " < " +
         params.text(path_upper_bound(path)) + ")";
}

std::string scope_condition(const CaseScope& scope, SqlParams& params) {
  std::vector<std::string> any;
  if (scope.reporter_user_id)
    any.push_back("c.reporter_user_id = " + params.integer(*scope.reporter_user_id));
  if (scope.scope_subtree)
    any.push_back(in_subtree("COALESCE(u.path, ru.path)", *scope.scope_subtree, params));
  if (scope.unassigned) any.push_back("(c.unit_id IS NULL AND c.reporting_unit_id IS NULL)");
  if (scope.unit_subtree) any.push_back(in_subtree("u.path", *scope.unit_subtree, params));
  if (scope.handled_subtree) {
    any.push_back("(c.state = 'handled' AND " +
                  in_subtree("COALESCE(u.path, ru.path)", *scope.handled_subtree, params) + ")");
  }
  std::string text;
  for (const auto& s : any) text += (text.empty() ? "" : " OR ") + s;
  return "(" + (text.empty() ? std::string("1 = 0") : text) + ")";
}

// The WHERE text for `f` over the aliases c (cases), u (responsible unit), ru (reporting unit); "" = all
// rows.
std::string where_of(const CaseFilter& f, SqlParams& params) {
  std::vector<std::string> conditions;
  if (f.scope) conditions.push_back(scope_condition(*f.scope, params));
  if (!f.state.empty()) conditions.push_back("c.state = " + params.text(f.state));
  if (!f.category.empty()) conditions.push_back("c.category = " + params.text(f.category));
  if (!f.source.empty()) conditions.push_back("c.source = " + params.text(f.source));
  if (f.status == CaseFilter::Status::open) conditions.push_back(kOpenStates);
  if (f.status == CaseFilter::Status::closed) conditions.push_back("c.state IN ('rejected', 'closed')");
  if (f.has_unit) conditions.push_back("c.unit_id IS NOT NULL");
  if (f.unit_subtree) conditions.push_back(in_subtree("u.path", *f.unit_subtree, params));
  if (f.overdue_before) {
    conditions.push_back(std::string(kOpenStates) + " AND c.due_at IS NOT NULL AND c.due_at < " +
                         params.integer(*f.overdue_before));
  }
  if (f.reported_from) conditions.push_back("c.reported_at >= " + params.integer(*f.reported_from));
  if (f.reported_to) conditions.push_back("c.reported_at < " + params.integer(*f.reported_to));
  if (f.dispatched_from)
    conditions.push_back("c.first_dispatched_at >= " + params.integer(*f.dispatched_from));
  if (f.dispatched_to) conditions.push_back("c.first_dispatched_at < " + params.integer(*f.dispatched_to));
  if (!f.text.empty()) {
    std::string like = contains_pattern(f.text);
    std::string p1 = params.text(like), p2 = params.text(like), p3 = params.text(like),
                p4 = params.text(like);
    conditions.push_back("(c.code LIKE " + p1 + " ESCAPE '\\' OR c.title LIKE " + p2 +
                         " ESCAPE '\\' OR c.address LIKE " + p3 + " ESCAPE '\\' OR c.description LIKE " + p4 +
                         " ESCAPE '\\')");
  }
  if (f.near) {
    double dlat = f.near->radius_m / 111320.0 * 1.5;
    double dlon = dlat / std::max(0.01, std::cos(f.near->lat * 3.14159265358979323846 / 180.0));
    conditions.push_back("c.lat BETWEEN " + params.real(f.near->lat - dlat) + " AND " +
                         params.real(f.near->lat + dlat) + " AND c.lon BETWEEN " +
                         params.real(f.near->lon - dlon) + " AND " + params.real(f.near->lon + dlon));
  }
  std::string where;
  for (const auto& c : conditions) where += (where.empty() ? "" : " AND ") + c;
  return where;
}

const char* order_of(CaseOrder order) {
  return order == CaseOrder::newest_first ? "c.reported_at DESC, c.id DESC" : "c.id";
}

}  // namespace

std::string CaseRepository::next_code(const std::string& yyyymmdd) {
  long long value = 0;
  sql_ << "INSERT INTO case_code_sequences (day, last_value) VALUES (:d, 1)"
          " ON CONFLICT (day) DO UPDATE SET last_value = case_code_sequences.last_value + 1 RETURNING "
          "last_value",
      soci::use(yyyymmdd), soci::into(value);
  std::string seq = std::to_string(value);
  if (seq.size() < 5) seq.insert(0, 5 - seq.size(), '0');
  return "C" + yyyymmdd + "-" + seq;
}

long long CaseRepository::insert(const CaseRow& r) {
  CaseValues v(r);
  long long id = 0;
  sql_ << "INSERT INTO cases (code, title, description, category, severity, state, source, unit_id,"
          " reporting_unit_id, site_id, item, check_code, inspection, failure_count, lat, lon, address, "
          "photos,"
          " contact, reporter_user_id, reported_at, first_dispatched_at, due_at, closed_at, outcome,"
          " escalation_level, rework_count, reopen_count, send_back_count, postponement_pending,"
          " postponement_approved, handled_once, requested_due_at, possible_duplicate_of, duplicate_of, "
          "version,"
          " updated_at) VALUES (:code, :title, :descr, :cat, :sev, :state, :source, :unit, :runit, :site, "
          ":item,"
          " :chk, :insp, :fail, :lat, :lon, :addr, :photos, :contact, :reporter, :reported, :fd, :due, "
          ":closed,"
          " :outcome, :esc, :rework, :reopen, :sb, :pp, :pa, :ho, :req, :pdup, :dup, 1, :upd) RETURNING id",
      soci::use(r.code), soci::use(r.title), soci::use(r.description), soci::use(r.category),
      soci::use(r.severity), soci::use(r.state), soci::use(r.source),
      soci::use(v.unit_id.value, v.unit_id.ind),
      soci::use(v.reporting_unit_id.value, v.reporting_unit_id.ind),
      soci::use(v.site_id.value, v.site_id.ind), soci::use(v.item.value, v.item.ind),
      soci::use(v.check.value, v.check.ind), soci::use(v.inspection.value, v.inspection.ind),
      soci::use(v.failure), soci::use(v.lat.value, v.lat.ind), soci::use(v.lon.value, v.lon.ind),
      soci::use(r.address), soci::use(r.photos), soci::use(r.contact),
      soci::use(v.reporter.value, v.reporter.ind), soci::use(r.reported_at),
      soci::use(v.first_dispatched.value, v.first_dispatched.ind), soci::use(v.due.value, v.due.ind),
      soci::use(v.closed.value, v.closed.ind), soci::use(v.outcome.value, v.outcome.ind),
      soci::use(v.escalation), soci::use(v.rework), soci::use(v.reopen), soci::use(v.send_back),
      soci::use(v.pending), soci::use(v.approved), soci::use(v.handled),
      soci::use(v.requested.value, v.requested.ind), soci::use(v.possible_dup.value, v.possible_dup.ind),
      soci::use(v.dup.value, v.dup.ind), soci::use(r.updated_at), soci::into(id);
  return id;
}

bool CaseRepository::update(const CaseRow& r) {
  CaseValues v(r);
  soci::statement st =
      (sql_.prepare
           << "UPDATE cases SET title = :title, description = :descr, category = :cat, severity = :sev,"
              " state = :state, unit_id = :unit, site_id = :site, lat = :lat, lon = :lon,"
              " address = :addr, photos = :photos, first_dispatched_at = :fd, due_at = :due,"
              " closed_at = :closed, outcome = :outcome, escalation_level = :esc, rework_count = :rework,"
              " reopen_count = :reopen, send_back_count = :sb, postponement_pending = :pp,"
              " postponement_approved = :pa, handled_once = :ho, requested_due_at = :req,"
              " possible_duplicate_of = :pdup, duplicate_of = :dup, version = version + 1,"
              " updated_at = :upd WHERE id = :id AND version = :ver",
       soci::use(r.title), soci::use(r.description), soci::use(r.category), soci::use(r.severity),
       soci::use(r.state), soci::use(v.unit_id.value, v.unit_id.ind),
       soci::use(v.site_id.value, v.site_id.ind), soci::use(v.lat.value, v.lat.ind),
       soci::use(v.lon.value, v.lon.ind), soci::use(r.address), soci::use(r.photos),
       soci::use(v.first_dispatched.value, v.first_dispatched.ind), soci::use(v.due.value, v.due.ind),
       soci::use(v.closed.value, v.closed.ind), soci::use(v.outcome.value, v.outcome.ind),
       soci::use(v.escalation), soci::use(v.rework), soci::use(v.reopen), soci::use(v.send_back),
       soci::use(v.pending), soci::use(v.approved), soci::use(v.handled),
       soci::use(v.requested.value, v.requested.ind), soci::use(v.possible_dup.value, v.possible_dup.ind),
       soci::use(v.dup.value, v.dup.ind), soci::use(r.updated_at), soci::use(r.id), soci::use(r.version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<CaseRow> CaseRepository::find(const std::string& code) {
  SqlParams params;
  std::string where = "c.code = " + params.text(code);
  auto rows = select_where(where, params, "c.id", 1, 0);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<CaseRow> CaseRepository::select(const CaseFilter& filter, CaseOrder order, long long limit,
                                            long long offset) {
  SqlParams params;
  std::string where = where_of(filter, params);
  return select_where(where, params, order_of(order), limit, offset);
}

long long CaseRepository::count(const CaseFilter& filter) {
  SqlParams params;
  std::string where = where_of(filter, params);
  return count_where(where, params);
}

std::vector<CaseRow> CaseRepository::select_where(const std::string& where, const SqlParams& params,
                                                  const std::string& order, long long limit,
                                                  long long offset) {
  CaseBinding b;
  soci::statement st(sql_);
  b.bind(st);
  params.bind(st);
  std::string text = std::string(kColumns) + (where.empty() ? "" : " WHERE " + where) + " ORDER BY " + order;
  if (limit >= 0) text += " LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset);
  st.alloc();
  st.prepare(text);
  st.define_and_bind();
  st.execute(false);
  std::vector<CaseRow> out;
  while (st.fetch()) out.push_back(b.take());
  return out;
}

long long CaseRepository::count_where(const std::string& where, const SqlParams& params) {
  long long n = 0;
  soci::statement st(sql_);
  st.exchange(soci::into(n));
  params.bind(st);
  st.alloc();
  st.prepare(
      "SELECT COUNT(*) FROM cases c LEFT JOIN units u ON u.id = c.unit_id"
      " LEFT JOIN units ru ON ru.id = c.reporting_unit_id LEFT JOIN sites s ON s.id = c.site_id" +
      (where.empty() ? std::string() : " WHERE " + where));
  st.define_and_bind();
  st.execute(true);
  return n;
}

void CaseRepository::insert_event(const CaseEventRow& e) {
  Nullable<long long> actor_id(e.actor_user_id);
  long long seq = e.seq;
  sql_ << "INSERT INTO case_events (case_id, seq, action, from_state, to_state, actor_user_id, actor, "
          "actor_name,"
          " at, note, reason, photos, data) VALUES (:c, :s, :a, :f, :t, :uid, :actor, :name, :at, :note, "
          ":reason,"
          " :photos, :data)",
      soci::use(e.case_id), soci::use(seq), soci::use(e.action), soci::use(e.from_state),
      soci::use(e.to_state), soci::use(actor_id.value, actor_id.ind), soci::use(e.actor),
      soci::use(e.actor_name), soci::use(e.at), soci::use(e.note), soci::use(e.reason), soci::use(e.photos),
      soci::use(e.data);
}

int CaseRepository::next_event_seq(long long case_id) {
  long long max_seq = 0;
  sql_ << "SELECT COALESCE(MAX(seq), 0) FROM case_events WHERE case_id = :c", soci::use(case_id),
      soci::into(max_seq);
  return static_cast<int>(max_seq + 1);
}

std::vector<CaseEventRow> CaseRepository::events(long long case_id) {
  CaseEventRow e;
  long long seq = 0;
  Nullable<long long> actor_id;
  soci::statement st =
      (sql_.prepare << "SELECT seq, action, from_state, to_state, actor_user_id, actor, actor_name, at, note,"
                       " reason, photos, data FROM case_events WHERE case_id = :c ORDER BY seq",
       soci::into(seq), soci::into(e.action), soci::into(e.from_state), soci::into(e.to_state),
       soci::into(actor_id.value, actor_id.ind), soci::into(e.actor), soci::into(e.actor_name),
       soci::into(e.at), soci::into(e.note), soci::into(e.reason), soci::into(e.photos), soci::into(e.data),
       soci::use(case_id));
  st.execute();
  std::vector<CaseEventRow> out;
  while (st.fetch()) {
    CaseEventRow copy = e;
    copy.case_id = case_id;
    copy.seq = static_cast<int>(seq);
    copy.actor_user_id = actor_id.get();
    out.push_back(std::move(copy));
  }
  return out;
}

bool CaseRepository::claim_overdue_notice(long long case_id, TimeMs due_at, TimeMs now) {
  soci::statement st = (sql_.prepare << "INSERT INTO case_overdue_notices (case_id, due_at, notified_at)"
                                        " VALUES (:c, :d, :n) ON CONFLICT (case_id, due_at) DO NOTHING",
                        soci::use(case_id), soci::use(due_at), soci::use(now));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<CaseSiteFacts> CaseRepository::find_site(const std::string& code) {
  CaseSiteFacts s;
  double lat = 0, lon = 0;
  soci::indicator lat_ind = soci::i_null, lon_ind = soci::i_null;
  sql_ << "SELECT id, unit_id, lat, lon, name FROM sites WHERE code = :c", soci::use(code), soci::into(s.id),
      soci::into(s.unit_id), soci::into(lat, lat_ind), soci::into(lon, lon_ind), soci::into(s.name);
  if (!sql_.got_data()) return std::nullopt;
  if (lat_ind == soci::i_ok) s.lat = lat;
  if (lon_ind == soci::i_ok) s.lon = lon;
  return s;
}

std::string CaseRepository::user_display_name(long long user_id) {
  std::string name;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT display_name FROM users WHERE id = :u", soci::use(user_id), soci::into(name, ind);
  return ind == soci::i_ok ? name : std::string();
}

std::vector<CaseUserFacts> CaseRepository::active_users() {
  CaseUserFacts u;
  soci::statement st = (sql_.prepare << "SELECT us.id, us.roles, un.path FROM users us JOIN units un ON"
                                        " un.id = us.unit_id WHERE us.disabled = 0 ORDER BY us.id",
                        soci::into(u.id), soci::into(u.roles), soci::into(u.unit_path));
  st.execute();
  std::vector<CaseUserFacts> out;
  while (st.fetch()) out.push_back(u);
  return out;
}

}  // namespace civic::store
