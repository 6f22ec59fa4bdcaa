#include "store/bulletins/bulletin_repository.h"

#include "store/core/row_fetch.h"

namespace civic::store {

namespace {

const char* kColumns =
    "b.id, b.kind, b.unit_id, b.period, b.round, b.title, b.state, b.content, b.prose, b.version, "
    "b.drafted_by,"
    " b.drafted_at, b.approved_by, b.approved_at, b.published_by, b.published_at, b.withdrawn_by,"
    " b.withdrawn_at, b.withdrawn_reason, b.updated_at";

struct BulletinBinding {
  BulletinRow r;
  void bind(soci::statement& st) {
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(r.kind));
    st.exchange(soci::into(r.unit_id));
    st.exchange(soci::into(r.period));
    st.exchange(soci::into(r.round));
    st.exchange(soci::into(r.title));
    st.exchange(soci::into(r.state));
    st.exchange(soci::into(r.content));
    st.exchange(soci::into(r.prose));
    st.exchange(soci::into(r.version));
    st.exchange(soci::into(r.drafted_by));
    st.exchange(soci::into(r.drafted_at));
    st.exchange(soci::into(r.approved_by));
    st.exchange(soci::into(r.approved_at));
    st.exchange(soci::into(r.published_by));
    st.exchange(soci::into(r.published_at));
    st.exchange(soci::into(r.withdrawn_by));
    st.exchange(soci::into(r.withdrawn_at));
    st.exchange(soci::into(r.withdrawn_reason));
    st.exchange(soci::into(r.updated_at));
  }
  BulletinRow take() const { return r; }
};

// The WHERE clause of a filter, its values in `params`.
std::string where(const BulletinFilter& f, SqlParams& params) {
  std::string w = " FROM bulletins b JOIN units u ON u.id = b.unit_id WHERE 1 = 1";
  if (!f.state.empty()) {
    w += " AND b.state = " + params.text(f.state);
  }
  if (!f.kind.empty()) {
    w += " AND b.kind = " + params.text(f.kind);
  }
  std::string scope = " AND (u.path LIKE " + params.text(f.scope_path + "%");
  if (f.named) {
    scope +=
        " OR (b.state = 'published' AND EXISTS (SELECT 1 FROM bulletin_units bu JOIN units nu ON nu.id = "
        "bu.unit_id WHERE bu.bulletin_id = b.id AND nu.path LIKE " +
        params.text(*f.named + "%") + "))";
  }
  return w + scope + ")";
}

}  // namespace

long long BulletinRepository::insert(const BulletinRow& r) {
  sql_ << "INSERT INTO bulletins (kind, unit_id, period, round, title, state, content, prose, version,"
          " drafted_by, drafted_at, updated_at) VALUES (:k, :u, :p, :r, :t, :s, :c, :pr, 1, :db, :da, :ua)",
      soci::use(r.kind), soci::use(r.unit_id), soci::use(r.period), soci::use(r.round), soci::use(r.title),
      soci::use(r.state), soci::use(r.content), soci::use(r.prose), soci::use(r.drafted_by),
      soci::use(r.drafted_at), soci::use(r.updated_at);
  long long id = 0;
  sql_ << "SELECT MAX(id) FROM bulletins WHERE unit_id = :u AND drafted_at = :d", soci::into(id),
      soci::use(r.unit_id), soci::use(r.drafted_at);
  return id;
}

std::optional<BulletinRow> BulletinRepository::find(long long id) {
  SqlParams p;
  std::string q = std::string("SELECT ") + kColumns + " FROM bulletins b WHERE b.id = " + p.integer(id);
  return fetch_row<BulletinBinding>(sql_, q, p);
}

bool BulletinRepository::update(const BulletinRow& r, long long expected_version) {
  soci::statement st =
      (sql_.prepare << "UPDATE bulletins SET title = :t, state = :s, prose = :pr, version = :v,"
                       " approved_by = :ab, approved_at = :aa, published_by = :pb, published_at = :pa,"
                       " withdrawn_by = :wb, withdrawn_at = :wa, withdrawn_reason = :wr, updated_at = :ua"
                       " WHERE id = :id AND version = :ev",
       soci::use(r.title), soci::use(r.state), soci::use(r.prose), soci::use(r.version),
       soci::use(r.approved_by), soci::use(r.approved_at), soci::use(r.published_by),
       soci::use(r.published_at), soci::use(r.withdrawn_by), soci::use(r.withdrawn_at),
       soci::use(r.withdrawn_reason), soci::use(r.updated_at), soci::use(r.id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

long long BulletinRepository::count(const BulletinFilter& filter) {
  SqlParams p;
  std::string w = where(filter, p);
  struct CountBinding {
    long long n = 0;
    void bind(soci::statement& st) { st.exchange(soci::into(n)); }
    long long take() const { return n; }
  };
  auto row = fetch_row<CountBinding>(sql_, "SELECT COUNT(*)" + w, p);
  return row.value_or(0);
}

std::vector<BulletinRow> BulletinRepository::list(const BulletinFilter& filter, long long limit,
                                                  long long offset) {
  SqlParams p;
  std::string w = where(filter, p);
  std::string q = std::string("SELECT ") + kColumns + w + " ORDER BY b.drafted_at DESC, b.id DESC LIMIT " +
                  p.integer(limit) + " OFFSET " + p.integer(offset);
  return fetch_rows<BulletinBinding>(sql_, q, p);
}

void BulletinRepository::set_units(long long bulletin_id, const std::vector<long long>& unit_ids) {
  sql_ << "DELETE FROM bulletin_units WHERE bulletin_id = :b", soci::use(bulletin_id);
  for (long long u : unit_ids) {
    sql_ << "INSERT INTO bulletin_units (bulletin_id, unit_id) VALUES (:b, :u)", soci::use(bulletin_id),
        soci::use(u);
  }
}

std::vector<long long> BulletinRepository::units(long long bulletin_id) {
  std::vector<long long> out;
  long long u = 0;
  soci::statement st =
      (sql_.prepare << "SELECT unit_id FROM bulletin_units WHERE bulletin_id = :b ORDER BY unit_id",
       soci::into(u), soci::use(bulletin_id));
  st.execute();
  while (st.fetch()) out.push_back(u);
  return out;
}

TimeMs BulletinRepository::last_drafted(long long unit_id, const std::string& kind) {
  long long t = 0;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT MAX(drafted_at) FROM bulletins WHERE unit_id = :u AND kind = :k", soci::into(t, ind),
      soci::use(unit_id), soci::use(kind);
  return ind == soci::i_ok ? t : 0;
}

std::optional<int> BulletinRepository::schedule(long long unit_id) {
  int days = 0;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT every_days FROM bulletin_schedules WHERE unit_id = :u", soci::into(days, ind),
      soci::use(unit_id);
  if (!sql_.got_data() || ind != soci::i_ok) return std::nullopt;
  return days;
}

void BulletinRepository::set_schedule(long long unit_id, int every_days) {
  sql_ << "DELETE FROM bulletin_schedules WHERE unit_id = :u", soci::use(unit_id);
  sql_ << "INSERT INTO bulletin_schedules (unit_id, every_days) VALUES (:u, :d)", soci::use(unit_id),
      soci::use(every_days);
}

}  // namespace civic::store
