#include "store/inspections/inspection_repository.h"

#include <cstdio>
#include <map>

#include "store/core/row_fetch.h"
#include "store/inspections/round_repository.h"

namespace civic::store {

namespace {

struct ClientIdBinding {
  ClientIdRow row;
  std::string cases;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.client_id));
    st.exchange(soci::into(row.inspection_id));
    st.exchange(soci::into(row.version));
    st.exchange(soci::into(row.request_hash));
    st.exchange(soci::into(row.user_id));
    st.exchange(soci::into(cases));
  }
  ClientIdRow take() const {
    ClientIdRow r = row;
    r.cases = comma_split(cases);
    return r;
  }
};

}  // namespace

std::optional<ClientIdRow> InspectionRepository::find_client_id(const std::string& client_id) {
  SqlParams params;
  return fetch_row<ClientIdBinding>(sql_,
                                    "SELECT client_id, inspection_id, version, request_hash, user_id, cases"
                                    " FROM submission_client_ids WHERE client_id = " +
                                        params.text(client_id),
                                    params);
}

void InspectionRepository::insert_client_id(const ClientIdRow& row, TimeMs now) {
  std::string cases = comma_joined(row.cases);
  sql_
      << "INSERT INTO submission_client_ids (client_id, inspection_id, version, request_hash, user_id, cases,"
         " created_at) VALUES (:c, :i, :v, :h, :u, :cases, :now)",
      soci::use(row.client_id), soci::use(row.inspection_id), soci::use(row.version),
      soci::use(row.request_hash), soci::use(row.user_id), soci::use(cases), soci::use(now);
}

std::vector<ClientIdRow> InspectionRepository::client_ids_of(long long inspection_id) {
  SqlParams params;
  return fetch_rows<ClientIdBinding>(sql_,
                                     "SELECT client_id, inspection_id, version, request_hash, user_id, cases"
                                     " FROM submission_client_ids WHERE inspection_id = " +
                                         params.integer(inspection_id) + " ORDER BY version",
                                     params);
}

std::string InspectionRepository::next_code(const std::string& prefix) {
  std::string last;
  soci::indicator ind;
  std::string upper = prefix + "~";
  sql_ << "SELECT MAX(code) FROM inspections WHERE code > :p AND code < :u", soci::use(prefix),
      soci::use(upper), soci::into(last, ind);
  long long n = 0;
  if (ind == soci::i_ok && last.size() > prefix.size()) {
    try {
      n = std::stoll(last.substr(prefix.size()));
    } catch (const std::exception&) {
      n = 0;
    }
  }
  char digits[32];
  std::snprintf(digits, sizeof digits, "%05lld", n + 1);
  return prefix + digits;
}

namespace {

template <typename T>
soci::indicator ind_of(const std::optional<T>& v) {
  return v ? soci::i_ok : soci::i_null;
}

}  // namespace

long long InspectionRepository::insert(const InspectionRow& row, TimeMs now) {
  long long round_id = row.round_id.value_or(0), inspector_id = row.inspector_id.value_or(0);
  TimeMs inspected_at = row.inspected_at.value_or(0), submitted_at = row.submitted_at.value_or(0);
  double lat = row.lat.value_or(0), lon = row.lon.value_or(0), accuracy = row.accuracy.value_or(0);
  soci::indicator round_ind = ind_of(row.round_id), inspector_ind = ind_of(row.inspector_id),
                  ia_ind = ind_of(row.inspected_at), sa_ind = ind_of(row.submitted_at),
                  lat_ind = ind_of(row.lat), lon_ind = ind_of(row.lon), acc_ind = ind_of(row.accuracy);
  sql_ << "INSERT INTO inspections (code, site_id, inspected_on, created_at, round_id, inspector_id, "
          "inspected_at,"
          " submitted_at, lat, lon, accuracy, note, version, version_reason) VALUES (:code, :site, :on, :now,"
          " :round, :inspector, :ia, :sa, :lat, :lon, :acc, :note, :version, :reason)",
      soci::use(row.code), soci::use(row.site_id), soci::use(row.inspected_on), soci::use(now),
      soci::use(round_id, round_ind), soci::use(inspector_id, inspector_ind), soci::use(inspected_at, ia_ind),
      soci::use(submitted_at, sa_ind), soci::use(lat, lat_ind), soci::use(lon, lon_ind),
      soci::use(accuracy, acc_ind), soci::use(row.note), soci::use(row.version),
      soci::use(row.version_reason);
  long long id = 0;
  sql_ << "SELECT id FROM inspections WHERE code = :code", soci::use(row.code), soci::into(id);
  insert_results(id, row.results);
  return id;
}

void InspectionRepository::insert_results(long long inspection_id,
                                          const std::vector<InspectionResultRow>& results) {
  if (results.empty()) return;
  std::vector<long long> ids(results.size(), inspection_id);
  std::vector<std::string> checks, notes, photos;
  std::vector<int> failures;
  std::vector<soci::indicator> inds;
  for (const auto& r : results) {
    checks.push_back(r.check);
    failures.push_back(r.failures.value_or(0));
    inds.push_back(ind_of(r.failures));
    notes.push_back(r.note);
    photos.push_back(comma_joined(r.photos));
  }
  sql_ << "INSERT INTO inspection_results (inspection_id, check_code, failures, note, photos)"
          " VALUES (:id, :check, :failures, :note, :photos)",
      soci::use(ids), soci::use(checks), soci::use(failures, inds), soci::use(notes), soci::use(photos);
}

void InspectionRepository::update_current(const InspectionRow& row) {
  TimeMs submitted_at = row.submitted_at.value_or(0);
  soci::indicator sa_ind = ind_of(row.submitted_at);
  sql_ << "UPDATE inspections SET note = :note, version = :version, version_reason = :reason,"
          " submitted_at = :sa WHERE id = :id",
      soci::use(row.note), soci::use(row.version), soci::use(row.version_reason),
      soci::use(submitted_at, sa_ind), soci::use(row.id);
  sql_ << "DELETE FROM inspection_results WHERE inspection_id = :id", soci::use(row.id);
  insert_results(row.id, row.results);
}

void InspectionRepository::link(long long inspection_id, long long round_id,
                                std::optional<long long> inspector_id) {
  long long inspector = inspector_id.value_or(0);
  soci::indicator ind = ind_of(inspector_id);
  sql_ << "UPDATE inspections SET round_id = :r, inspector_id = :i WHERE id = :id", soci::use(round_id),
      soci::use(inspector, ind), soci::use(inspection_id);
}

namespace {

const char* kInspectionColumns =
    "SELECT i.id, i.code, i.site_id, s.code, s.name, s.type, u.code, u.path, i.inspected_on, i.round_id, "
    "r.code,"
    " i.inspector_id, iu.username, iu.display_name, i.inspected_at, i.submitted_at, i.lat, i.lon, "
    "i.accuracy, i.note, "
    "i.version,"
    " i.version_reason"
    " FROM inspections i JOIN sites s ON s.id = i.site_id JOIN units u ON u.id = s.unit_id"
    " LEFT JOIN rounds r ON r.id = i.round_id LEFT JOIN users iu ON iu.id = i.inspector_id ";

struct InspectionBinding {
  InspectionRow row;
  long long round_id = 0, inspector_id = 0, inspected_at = 0, submitted_at = 0;
  double lat = 0, lon = 0, accuracy = 0;
  std::string round, inspector, inspector_name;
  soci::indicator round_id_ind{}, round_ind{}, inspector_id_ind{}, inspector_ind{}, name_ind{}, ia_ind{},
      sa_ind{}, lat_ind{}, lon_ind{}, acc_ind{};
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.code));
    st.exchange(soci::into(row.site_id));
    st.exchange(soci::into(row.site));
    st.exchange(soci::into(row.site_name));
    st.exchange(soci::into(row.site_type));
    st.exchange(soci::into(row.unit));
    st.exchange(soci::into(row.unit_path));
    st.exchange(soci::into(row.inspected_on));
    st.exchange(soci::into(round_id, round_id_ind));
    st.exchange(soci::into(round, round_ind));
    st.exchange(soci::into(inspector_id, inspector_id_ind));
    st.exchange(soci::into(inspector, inspector_ind));
    st.exchange(soci::into(inspector_name, name_ind));
    st.exchange(soci::into(inspected_at, ia_ind));
    st.exchange(soci::into(submitted_at, sa_ind));
    st.exchange(soci::into(lat, lat_ind));
    st.exchange(soci::into(lon, lon_ind));
    st.exchange(soci::into(accuracy, acc_ind));
    st.exchange(soci::into(row.note));
    st.exchange(soci::into(row.version));
    st.exchange(soci::into(row.version_reason));
  }
  template <typename T>
  static std::optional<T> opt(T v, soci::indicator ind) {
    return ind == soci::i_ok ? std::optional<T>(v) : std::nullopt;
  }
  InspectionRow take() const {
    InspectionRow r = row;
    r.round_id = opt(round_id, round_id_ind);
    r.round = round_ind == soci::i_ok ? round : "";
    r.inspector_id = opt(inspector_id, inspector_id_ind);
    r.inspector = inspector_ind == soci::i_ok ? inspector : "";
    r.inspector_name = name_ind == soci::i_ok ? inspector_name : "";
    r.inspected_at = opt<TimeMs>(inspected_at, ia_ind);
    r.submitted_at = opt<TimeMs>(submitted_at, sa_ind);
    r.lat = opt(lat, lat_ind);
    r.lon = opt(lon, lon_ind);
    r.accuracy = opt(accuracy, acc_ind);
    return r;
  }
};

struct ResultBinding {
  InspectionResultRow row;
  int failures = 0;
  soci::indicator failures_ind{};
  std::string photos;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.check));
    st.exchange(soci::into(failures, failures_ind));
    st.exchange(soci::into(row.note));
    st.exchange(soci::into(photos));
  }
  InspectionResultRow take() const {
    InspectionResultRow r = row;
    r.failures = failures_ind == soci::i_ok ? std::optional<int>(failures) : std::nullopt;
    r.photos = comma_split(photos);
    return r;
  }
};

struct VersionBinding {
  InspectionVersionRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.version));
    st.exchange(soci::into(row.submitted_at));
    st.exchange(soci::into(row.submitted_by));
    st.exchange(soci::into(row.reason));
  }
  InspectionVersionRow take() const { return row; }
};

struct SiteInspectionBinding {
  long long id = 0;
  std::string on;
  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(on));
  }
  std::pair<long long, std::string> take() const { return {id, on}; }
};

// The WHERE clause for `f`, its values bound in `params`.
std::string filter_where(const InspectionFilter& f, SqlParams& params) {
  std::string w = "WHERE u.path >= " + params.text(f.path_from) + " AND u.path < " + params.text(f.path_to);
  if (f.round_id) w += " AND i.round_id = " + params.integer(*f.round_id);
  if (f.site_id) w += " AND i.site_id = " + params.integer(*f.site_id);
  if (f.inspector_id) w += " AND i.inspector_id = " + params.integer(*f.inspector_id);
  return w;
}

}  // namespace

std::optional<InspectionRow> InspectionRepository::find(const std::string& code) {
  SqlParams params;
  auto row = fetch_row<InspectionBinding>(
      sql_, std::string(kInspectionColumns) + "WHERE i.code = " + params.text(code), params);
  if (!row) return std::nullopt;
  SqlParams by_id;
  row->results = fetch_rows<ResultBinding>(sql_,
                                           "SELECT check_code, failures, note, photos FROM inspection_results"
                                           " WHERE inspection_id = " +
                                               by_id.integer(row->id) + " ORDER BY check_code",
                                           by_id);
  return row;
}

std::optional<InspectionRow> InspectionRepository::find_by_id(long long id) {
  std::string code;
  sql_ << "SELECT code FROM inspections WHERE id = :id", soci::use(id), soci::into(code);
  if (!sql_.got_data()) return std::nullopt;
  return find(code);
}

std::vector<InspectionRow> InspectionRepository::list(const InspectionFilter& filter, long long limit,
                                                      long long offset) {
  SqlParams params;
  std::string where = filter_where(filter, params);
  return fetch_rows<InspectionBinding>(sql_,
                                       std::string(kInspectionColumns) + where + " ORDER BY i.code LIMIT " +
                                           params.integer(limit) + " OFFSET " + params.integer(offset),
                                       params);
}

long long InspectionRepository::count(const InspectionFilter& filter) {
  SqlParams params;
  std::string where = filter_where(filter, params);
  long long n = 0;
  soci::statement st(sql_);
  st.exchange(soci::into(n));
  params.bind(st);
  st.alloc();
  st.prepare(
      "SELECT COUNT(*) FROM inspections i JOIN sites s ON s.id = i.site_id JOIN units u ON u.id = "
      "s.unit_id " +
      where);
  st.define_and_bind();
  st.execute(true);
  return n;
}

std::vector<std::pair<long long, std::string>> InspectionRepository::of_site(long long site_id,
                                                                             const std::string& start,
                                                                             const std::string& end) {
  SqlParams params;
  std::string where = "WHERE site_id = " + params.integer(site_id) +
                      " AND inspected_on >= " + params.text(start) +
                      " AND inspected_on <= " + params.text(end);
  return fetch_rows<SiteInspectionBinding>(
      sql_, "SELECT id, inspected_on FROM inspections " + where + " ORDER BY inspected_on, id", params);
}

void InspectionRepository::insert_version(long long inspection_id, const InspectionVersionRow& row) {
  sql_ << "INSERT INTO inspection_versions (inspection_id, version, submitted_at, submitted_by, reason, "
          "snapshot)"
          " VALUES (:i, :v, :at, :by, :reason, :snapshot)",
      soci::use(inspection_id), soci::use(row.version), soci::use(row.submitted_at),
      soci::use(row.submitted_by), soci::use(row.reason), soci::use(row.snapshot);
}

std::vector<InspectionVersionRow> InspectionRepository::versions(long long inspection_id) {
  SqlParams params;
  return fetch_rows<VersionBinding>(
      sql_,
      "SELECT version, submitted_at, submitted_by, reason FROM inspection_versions"
      " WHERE inspection_id = " +
          params.integer(inspection_id) + " ORDER BY version",
      params);
}

std::optional<InspectionVersionRow> InspectionRepository::version(long long inspection_id, int version) {
  InspectionVersionRow row;
  sql_ << "SELECT version, submitted_at, submitted_by, reason, snapshot FROM inspection_versions"
          " WHERE inspection_id = :i AND version = :v",
      soci::use(inspection_id), soci::use(version), soci::into(row.version), soci::into(row.submitted_at),
      soci::into(row.submitted_by), soci::into(row.reason), soci::into(row.snapshot);
  if (!sql_.got_data()) return std::nullopt;
  return row;
}

void InspectionRepository::put_draft(const DraftRow& row) {
  sql_ << "DELETE FROM inspection_drafts WHERE client_id = :c", soci::use(row.client_id);
  sql_ << "INSERT INTO inspection_drafts (client_id, user_id, round_id, site_id, body, updated_at)"
          " VALUES (:c, :u, :r, :s, :b, :at)",
      soci::use(row.client_id), soci::use(row.user_id), soci::use(row.round_id), soci::use(row.site_id),
      soci::use(row.body), soci::use(row.updated_at);
}

std::optional<DraftRow> InspectionRepository::find_draft(const std::string& client_id) {
  DraftRow row;
  sql_ << "SELECT client_id, user_id, round_id, site_id, body, updated_at FROM inspection_drafts"
          " WHERE client_id = :c",
      soci::use(client_id), soci::into(row.client_id), soci::into(row.user_id), soci::into(row.round_id),
      soci::into(row.site_id), soci::into(row.body), soci::into(row.updated_at);
  if (!sql_.got_data()) return std::nullopt;
  return row;
}

void InspectionRepository::delete_draft(const std::string& client_id) {
  sql_ << "DELETE FROM inspection_drafts WHERE client_id = :c", soci::use(client_id);
}

void InspectionRepository::delete_drafts_of(long long user_id, long long round_id, long long site_id) {
  sql_ << "DELETE FROM inspection_drafts WHERE user_id = :u AND round_id = :r AND site_id = :s",
      soci::use(user_id), soci::use(round_id), soci::use(site_id);
}

}  // namespace civic::store
