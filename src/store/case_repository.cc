#include "store/case_repository.h"

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

}  // namespace

std::string CaseSqlParams::text(std::string value) {
  texts_.push_back(std::move(value));
  const std::string* p = &texts_.back();
  std::string name = "p" + std::to_string(binders_.size());
  binders_.push_back([p, name](soci::statement& st) { st.exchange(soci::use(*p, name)); });
  return ":" + name;
}

std::string CaseSqlParams::integer(long long value) {
  ints_.push_back(value);
  const long long* p = &ints_.back();
  std::string name = "p" + std::to_string(binders_.size());
  binders_.push_back([p, name](soci::statement& st) { st.exchange(soci::use(*p, name)); });
  return ":" + name;
}

std::string CaseSqlParams::real(double value) {
  reals_.push_back(value);
  const double* p = &reals_.back();
  std::string name = "p" + std::to_string(binders_.size());
  binders_.push_back([p, name](soci::statement& st) { st.exchange(soci::use(*p, name)); });
  return ":" + name;
}

void CaseSqlParams::bind(soci::statement& st) const {
  for (const auto& b : binders_) b(st);
}

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
  CaseSqlParams params;
  std::string where = "c.code = " + params.text(code);
  auto rows = select(where, params, "c.id", 1, 0);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<CaseRow> CaseRepository::select(const std::string& where, const CaseSqlParams& params,
                                            const std::string& order, long long limit, long long offset) {
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

long long CaseRepository::count(const std::string& where, const CaseSqlParams& params) {
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

}  // namespace civic::store
