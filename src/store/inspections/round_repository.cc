#include "store/inspections/round_repository.h"

#include <stdexcept>

#include "store/core/row_fetch.h"

namespace civic::store {

std::string comma_joined(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) {
    if (!out.empty()) out += ',';
    out += c;
  }
  return out;
}

std::vector<std::string> comma_split(const std::string& joined) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < joined.size()) {
    size_t comma = joined.find(',', start);
    if (comma == std::string::npos) comma = joined.size();
    if (comma > start) out.push_back(joined.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

namespace {

const char* kRoundColumns =
    "SELECT r.id, r.code, r.name, r.period_id, p.code, r.under_unit_id, u.code, r.status, r.seed, r.items,"
    " r.default_sample_size, r.created_at, r.created_by, r.completed_at, r.version,"
    " (SELECT COUNT(*) FROM round_sites a WHERE a.round_id = r.id),"
    " (SELECT COUNT(*) FROM round_sites b WHERE b.round_id = r.id AND b.status = 'submitted')"
    " FROM rounds r JOIN periods p ON p.id = r.period_id JOIN units u ON u.id = r.under_unit_id ";

struct RoundBinding {
  RoundRow row;
  std::string items;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.code));
    st.exchange(soci::into(row.name));
    st.exchange(soci::into(row.period_id));
    st.exchange(soci::into(row.period));
    st.exchange(soci::into(row.under_unit_id));
    st.exchange(soci::into(row.under));
    st.exchange(soci::into(row.status));
    st.exchange(soci::into(row.seed));
    st.exchange(soci::into(items));
    st.exchange(soci::into(row.default_sample_size));
    st.exchange(soci::into(row.created_at));
    st.exchange(soci::into(row.created_by));
    st.exchange(soci::into(row.completed_at));
    st.exchange(soci::into(row.version));
    st.exchange(soci::into(row.sample_total));
    st.exchange(soci::into(row.done));
  }
  RoundRow take() const {
    RoundRow r = row;
    r.items = comma_split(items);
    return r;
  }
};

// The one number a COUNT(*) query answers.
long long count_rows(soci::session& sql, const std::string& query, const SqlParams& params) {
  long long n = 0;
  soci::statement st(sql);
  st.exchange(soci::into(n));
  params.bind(st);
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  st.execute(true);
  return n;
}

struct StratumBinding {
  RoundStratumRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.seq));
    st.exchange(soci::into(row.unit_id));
    st.exchange(soci::into(row.unit));
    st.exchange(soci::into(row.unit_name));
    st.exchange(soci::into(row.site_type));
    st.exchange(soci::into(row.population));
    st.exchange(soci::into(row.sample_size));
  }
  RoundStratumRow take() const { return row; }
};

struct ProgressBinding {
  InspectorProgress row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.user_id));
    st.exchange(soci::into(row.username));
    st.exchange(soci::into(row.display_name));
    st.exchange(soci::into(row.done));
    st.exchange(soci::into(row.to_do));
  }
  InspectorProgress take() const { return row; }
};

// The WHERE clause of a scoped round list, its values bound in `params`.
std::string round_scope_where(long long period_id, const std::string& path_from, const std::string& path_to,
                              const std::string& caller_path, SqlParams& params) {
  std::string where = "WHERE ((u.path >= " + params.text(path_from) + " AND u.path < " +
                      params.text(path_to) + ") OR substr(" + params.text(caller_path) +
                      ", 1, length(u.path)) = u.path)";
  if (period_id != 0) where += " AND r.period_id = " + params.integer(period_id);
  return where;
}

}  // namespace

std::optional<RoundRow> RoundRepository::find(const std::string& code) {
  SqlParams params;
  return fetch_row<RoundBinding>(sql_, std::string(kRoundColumns) + "WHERE r.code = " + params.text(code),
                                 params);
}

long long RoundRepository::period_framework_id(long long period_id) {
  long long framework_id = 0;
  sql_ << "SELECT framework_id FROM periods WHERE id = :id", soci::use(period_id), soci::into(framework_id);
  return framework_id;
}

long long RoundRepository::insert(const RoundRow& row) {
  std::string items = comma_joined(row.items);
  sql_
      << "INSERT INTO rounds (code, name, period_id, under_unit_id, status, seed, items, default_sample_size,"
         " created_at, created_by, completed_at, version)"
         " VALUES (:code, :name, :period, :under, :status, :seed, :items, :dss, :at, :by, 0, 1)",
      soci::use(row.code), soci::use(row.name), soci::use(row.period_id), soci::use(row.under_unit_id),
      soci::use(row.status), soci::use(row.seed), soci::use(items), soci::use(row.default_sample_size),
      soci::use(row.created_at), soci::use(row.created_by);
  long long id = 0;
  sql_ << "SELECT id FROM rounds WHERE code = :code", soci::use(row.code), soci::into(id);
  return id;
}

std::vector<RoundRow> RoundRepository::list(long long period_id, const std::string& path_from,
                                            const std::string& path_to, const std::string& caller_path,
                                            long long limit, long long offset) {
  SqlParams params;
  std::string where = round_scope_where(period_id, path_from, path_to, caller_path, params);
  return fetch_rows<RoundBinding>(sql_,
                                  std::string(kRoundColumns) + where + " ORDER BY r.code LIMIT " +
                                      params.integer(limit) + " OFFSET " + params.integer(offset),
                                  params);
}

long long RoundRepository::count(long long period_id, const std::string& path_from,
                                 const std::string& path_to, const std::string& caller_path) {
  SqlParams params;
  std::string where = round_scope_where(period_id, path_from, path_to, caller_path, params);
  return count_rows(sql_, "SELECT COUNT(*) FROM rounds r JOIN units u ON u.id = r.under_unit_id " + where,
                    params);
}

void RoundRepository::set_status(long long round_id, const std::string& status, TimeMs at) {
  sql_ << "UPDATE rounds SET status = :status, completed_at = :at, version = version + 1 WHERE id = :id",
      soci::use(status), soci::use(at), soci::use(round_id);
}

void RoundRepository::insert_stratum(long long round_id, const RoundStratumRow& row) {
  sql_ << "INSERT INTO round_strata (round_id, seq, unit_id, site_type, population, sample_size)"
          " VALUES (:r, :seq, :unit, :type, :pop, :size)",
      soci::use(round_id), soci::use(row.seq), soci::use(row.unit_id), soci::use(row.site_type),
      soci::use(row.population), soci::use(row.sample_size);
}

std::vector<RoundStratumRow> RoundRepository::strata(long long round_id) {
  SqlParams params;
  return fetch_rows<StratumBinding>(sql_,
                                    "SELECT t.seq, t.unit_id, u.code, u.name, t.site_type, t.population,"
                                    " t.sample_size FROM round_strata t JOIN units u ON u.id = t.unit_id"
                                    " WHERE t.round_id = " +
                                        params.integer(round_id) + " ORDER BY t.seq",
                                    params);
}

void RoundRepository::insert_site(long long round_id, long long site_id) {
  sql_ << "INSERT INTO round_sites (round_id, site_id, status, assigned_at) VALUES (:r, :s, 'to_do', 0)",
      soci::use(round_id), soci::use(site_id);
}

namespace {

const char* kSiteColumns =
    "SELECT rs.round_id, r.code, r.name, p.code, s.id, s.code, s.name, s.type, u.code, u.name, s.address,"
    " s.lat, s.lon, rs.inspector_id, iu.username, rs.status, i.code,"
    " (SELECT MIN(d.client_id) FROM inspection_drafts d WHERE d.user_id = rs.inspector_id"
    "  AND d.round_id = rs.round_id AND d.site_id = rs.site_id)";

const char* kSiteFrom =
    " FROM round_sites rs JOIN rounds r ON r.id = rs.round_id JOIN periods p ON p.id = r.period_id"
    " JOIN sites s ON s.id = rs.site_id JOIN units u ON u.id = s.unit_id"
    " LEFT JOIN users iu ON iu.id = rs.inspector_id LEFT JOIN inspections i ON i.id = rs.inspection_id ";

const char* kDraftExists =
    "EXISTS (SELECT 1 FROM inspection_drafts d2 WHERE d2.user_id = rs.inspector_id"
    " AND d2.round_id = rs.round_id AND d2.site_id = rs.site_id)";

// Fixed words are inlined; every value is bound in `params`.
std::string site_where(const RoundSiteFilter& f, SqlParams& params) {
  std::string w = "WHERE u.path >= " + params.text(f.path_from) + " AND u.path < " + params.text(f.path_to);
  if (f.round_id != 0) w += " AND rs.round_id = " + params.integer(f.round_id);
  if (f.inspector) w += " AND rs.inspector_id = " + params.integer(*f.inspector);
  if (f.open_rounds_only) w += " AND r.status = 'open'";
  if (f.status == "submitted") {
    w += " AND rs.status = 'submitted'";
  } else if (f.status == "to_do") {
    w += " AND rs.status = 'to_do'";
  } else if (f.status == "draft") {
    w += std::string(" AND rs.status = 'to_do' AND ") + kDraftExists;
  } else if (!f.status.empty()) {
    throw std::invalid_argument("unknown round site status " + f.status);
  }
  return w;
}

struct SiteBinding {
  RoundSiteRow row;
  double lat = 0, lon = 0;
  long long inspector_id = 0;
  std::string inspector, inspection, draft;
  soci::indicator lat_ind{}, lon_ind{}, inspector_id_ind{}, inspector_ind{}, inspection_ind{}, draft_ind{};
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.round_id));
    st.exchange(soci::into(row.round));
    st.exchange(soci::into(row.round_name));
    st.exchange(soci::into(row.period));
    st.exchange(soci::into(row.site_id));
    st.exchange(soci::into(row.site));
    st.exchange(soci::into(row.site_name));
    st.exchange(soci::into(row.site_type));
    st.exchange(soci::into(row.unit));
    st.exchange(soci::into(row.unit_name));
    st.exchange(soci::into(row.address));
    st.exchange(soci::into(lat, lat_ind));
    st.exchange(soci::into(lon, lon_ind));
    st.exchange(soci::into(inspector_id, inspector_id_ind));
    st.exchange(soci::into(inspector, inspector_ind));
    st.exchange(soci::into(row.status));
    st.exchange(soci::into(inspection, inspection_ind));
    st.exchange(soci::into(draft, draft_ind));
  }
  RoundSiteRow take() const {
    RoundSiteRow r = row;
    r.lat = lat_ind == soci::i_ok ? std::optional<double>(lat) : std::nullopt;
    r.lon = lon_ind == soci::i_ok ? std::optional<double>(lon) : std::nullopt;
    r.inspector_id = inspector_id_ind == soci::i_ok ? std::optional<long long>(inspector_id) : std::nullopt;
    r.inspector = inspector_ind == soci::i_ok ? inspector : "";
    r.inspection = inspection_ind == soci::i_ok ? std::optional<std::string>(inspection) : std::nullopt;
    r.draft = draft_ind == soci::i_ok ? std::optional<std::string>(draft) : std::nullopt;
    return r;
  }
};

}  // namespace

std::optional<RoundSiteRow> RoundRepository::find_site(long long round_id, long long site_id) {
  SqlParams params;
  std::string where =
      "WHERE rs.round_id = " + params.integer(round_id) + " AND rs.site_id = " + params.integer(site_id);
  return fetch_row<SiteBinding>(sql_, std::string(kSiteColumns) + kSiteFrom + where, params);
}

std::vector<RoundSiteRow> RoundRepository::sites(const RoundSiteFilter& filter, long long limit,
                                                 long long offset) {
  SqlParams params;
  std::string sql =
      std::string(kSiteColumns) + kSiteFrom + site_where(filter, params) + " ORDER BY r.code, s.code";
  if (limit >= 0) sql += " LIMIT " + params.integer(limit) + " OFFSET " + params.integer(offset);
  return fetch_rows<SiteBinding>(sql_, sql, params);
}

long long RoundRepository::count_sites(const RoundSiteFilter& filter) {
  SqlParams params;
  std::string where = site_where(filter, params);
  return count_rows(sql_, std::string("SELECT COUNT(*)") + kSiteFrom + where, params);
}

void RoundRepository::assign(long long round_id, long long site_id, long long inspector_id, TimeMs now) {
  sql_ << "UPDATE round_sites SET inspector_id = :i, assigned_at = :now WHERE round_id = :r AND site_id = :s",
      soci::use(inspector_id), soci::use(now), soci::use(round_id), soci::use(site_id);
}

void RoundRepository::mark_submitted(long long round_id, long long site_id, long long inspection_id) {
  sql_ << "UPDATE round_sites SET status = 'submitted', inspection_id = :i WHERE round_id = :r AND site_id = "
          ":s",
      soci::use(inspection_id), soci::use(round_id), soci::use(site_id);
}

std::vector<InspectorProgress> RoundRepository::progress(long long round_id) {
  SqlParams params;
  return fetch_rows<ProgressBinding>(sql_,
                                     "SELECT u.id, u.username, u.display_name,"
                                     " SUM(CASE WHEN rs.status = 'submitted' THEN 1 ELSE 0 END),"
                                     " SUM(CASE WHEN rs.status = 'submitted' THEN 0 ELSE 1 END)"
                                     " FROM round_sites rs JOIN users u ON u.id = rs.inspector_id"
                                     " WHERE rs.round_id = " +
                                         params.integer(round_id) +
                                         " GROUP BY u.id, u.username, u.display_name ORDER BY u.username",
                                     params);
}

}  // namespace civic::store
