#include "store/reports/report_repository.h"

#include "store/core/row_fetch.h"
#include "store/core/sql_params.h"

namespace civic::store {

namespace {

const char* kColumns =
    "SELECT r.id, r.template, r.unit_id, r.period_id, r.title, r.state, r.prose, r.version, r.created_by,"
    " r.created_at, r.updated_by, r.updated_at, r.submitted_by, r.decided_by, r.published_at, "
    "r.return_reason,"
    " r.fingerprint_revision, r.fingerprint_sha256, r.figures, r.files, u.code, u.name, u.path, p.code"
    " FROM reports r JOIN units u ON u.id = r.unit_id JOIN periods p ON p.id = r.period_id ";

struct RowBinding {
  ReportRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.template_name));
    st.exchange(soci::into(row.unit_id));
    st.exchange(soci::into(row.period_id));
    st.exchange(soci::into(row.title));
    st.exchange(soci::into(row.state));
    st.exchange(soci::into(row.prose));
    st.exchange(soci::into(row.version));
    st.exchange(soci::into(row.created_by));
    st.exchange(soci::into(row.created_at));
    st.exchange(soci::into(row.updated_by));
    st.exchange(soci::into(row.updated_at));
    st.exchange(soci::into(row.submitted_by));
    st.exchange(soci::into(row.decided_by));
    st.exchange(soci::into(row.published_at));
    st.exchange(soci::into(row.return_reason));
    st.exchange(soci::into(row.fingerprint_revision));
    st.exchange(soci::into(row.fingerprint_sha256));
    st.exchange(soci::into(row.figures));
    st.exchange(soci::into(row.files));
    st.exchange(soci::into(row.unit_code));
    st.exchange(soci::into(row.unit_name));
    st.exchange(soci::into(row.unit_path));
    st.exchange(soci::into(row.period_code));
  }
  ReportRow take() const { return row; }
};

struct VersionBinding {
  ReportVersionRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.version));
    st.exchange(soci::into(row.prose));
    st.exchange(soci::into(row.saved_by));
    st.exchange(soci::into(row.saved_at));
  }
  ReportVersionRow take() const { return row; }
};

}  // namespace

long long ReportRepository::insert(const ReportRow& r) {
  long long id = 0;
  long long at = r.created_at;
  sql_ << "INSERT INTO reports (template, unit_id, period_id, title, state, prose, version, created_by,"
          " created_at, updated_by, updated_at) VALUES (:t, :u, :p, :ti, 'draft', :pr, 1, :b, :a, :b2, :a2)"
          " RETURNING id",
      soci::use(r.template_name), soci::use(r.unit_id), soci::use(r.period_id), soci::use(r.title),
      soci::use(r.prose), soci::use(r.created_by), soci::use(at), soci::use(r.created_by), soci::use(at),
      soci::into(id);
  long long one = 1;
  sql_ << "INSERT INTO report_versions (report_id, version, prose, saved_by, saved_at)"
          " VALUES (:r, :v, :p, :b, :a)",
      soci::use(id), soci::use(one), soci::use(r.prose), soci::use(r.created_by), soci::use(at);
  return id;
}

std::optional<ReportRow> ReportRepository::find(long long id) {
  SqlParams p;
  return fetch_row<RowBinding>(sql_, std::string(kColumns) + "WHERE r.id = " + p.integer(id), p);
}

std::vector<ReportRow> ReportRepository::list(const ReportFilter& f) {
  SqlParams p;
  std::string q = kColumns;
  q += "WHERE 1 = 1 ";
  if (!f.period.empty()) q += "AND p.code = " + p.text(f.period) + " ";
  if (!f.unit.empty()) q += "AND u.code = " + p.text(f.unit) + " ";
  if (!f.state.empty()) q += "AND r.state = " + p.text(f.state) + " ";
  q += "ORDER BY r.id DESC";
  return fetch_rows<RowBinding>(sql_, q, p);
}

bool ReportRepository::update_prose(long long id, long long version, const std::string& prose,
                                    const std::string& by, TimeMs at) {
  long long t = at;
  soci::statement st =
      (sql_.prepare << "UPDATE reports SET prose = :p, version = version + 1, updated_by = :b,"
                       " updated_at = :t WHERE id = :i AND version = :v",
       soci::use(prose), soci::use(by), soci::use(t), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  long long next = version + 1;
  sql_ << "INSERT INTO report_versions (report_id, version, prose, saved_by, saved_at)"
          " VALUES (:r, :v, :p, :b, :a)",
      soci::use(id), soci::use(next), soci::use(prose), soci::use(by), soci::use(t);
  return true;
}

void ReportRepository::update_state(const ReportRow& r, const std::string& by, TimeMs at) {
  long long t = at, published = r.published_at, revision = r.fingerprint_revision;
  sql_ << "UPDATE reports SET state = :s, submitted_by = :sb, decided_by = :db, return_reason = :rr,"
          " published_at = :pa, fingerprint_revision = :fr, fingerprint_sha256 = :fs, figures = :fg, files = "
          ":fi,"
          " title = :ti, version = version + 1, updated_by = :b, updated_at = :t WHERE id = :i",
      soci::use(r.state), soci::use(r.submitted_by), soci::use(r.decided_by), soci::use(r.return_reason),
      soci::use(published), soci::use(revision), soci::use(r.fingerprint_sha256), soci::use(r.figures),
      soci::use(r.files), soci::use(r.title), soci::use(by), soci::use(t), soci::use(r.id);
}

std::vector<ReportVersionRow> ReportRepository::versions(long long id) {
  SqlParams p;
  return fetch_rows<VersionBinding>(
      sql_,
      "SELECT version, prose, saved_by, saved_at FROM report_versions WHERE report_id = " + p.integer(id) +
          " ORDER BY version",
      p);
}

}  // namespace civic::store
