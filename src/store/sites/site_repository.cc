#include "store/sites/site_repository.h"

#include <algorithm>

#include "store/core/bulk_insert.h"
#include "store/core/row_fetch.h"
#include "store/core/sql_params.h"

namespace civic::store {

namespace {

const std::string kSelect =
    "SELECT s.id, s.code, s.name, s.type, s.unit_id, u.code, u.name, u.path, s.lat, s.lon, s.address,"
    " s.grid_cell, s.version FROM sites s JOIN units u ON u.id = s.unit_id ";

// The WHERE clause of `f`, its values bound in `params`.
std::string filter_sql(const SiteFilter& f, SqlParams& params) {
  std::string where =
      " WHERE u.path >= " + params.text(f.path_from) + " AND u.path < " + params.text(f.path_to);
  if (!f.type.empty()) where += " AND s.type = " + params.text(f.type);
  if (!f.text.empty()) {
    where += " AND (s.code LIKE " + params.text(contains_pattern(f.text)) + " ESCAPE '\\' OR s.name LIKE " +
             params.text(contains_pattern(f.text)) + " ESCAPE '\\')";
  }
  return where;
}

struct RecordBinding {
  SiteRecord r;
  double lat = 0, lon = 0;
  soci::indicator lat_ind = soci::i_null, lon_ind = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::into(r.id));
    st.exchange(soci::into(r.code));
    st.exchange(soci::into(r.name));
    st.exchange(soci::into(r.type));
    st.exchange(soci::into(r.unit_id));
    st.exchange(soci::into(r.unit));
    st.exchange(soci::into(r.unit_name));
    st.exchange(soci::into(r.unit_path));
    st.exchange(soci::into(lat, lat_ind));
    st.exchange(soci::into(lon, lon_ind));
    st.exchange(soci::into(r.address));
    st.exchange(soci::into(r.grid_cell));
    st.exchange(soci::into(r.version));
  }
  SiteRecord take() const {
    SiteRecord out = r;
    out.lat = lat_ind == soci::i_ok ? std::optional<double>(lat) : std::nullopt;
    out.lon = lon_ind == soci::i_ok ? std::optional<double>(lon) : std::nullopt;
    return out;
  }
};

struct CountBinding {
  long long n = 0;
  void bind(soci::statement& st) { st.exchange(soci::into(n)); }
  long long take() const { return n; }
};

struct TypeCountBinding {
  std::string type;
  long long n = 0;
  void bind(soci::statement& st) {
    st.exchange(soci::into(type));
    st.exchange(soci::into(n));
  }
  std::pair<std::string, long long> take() const { return {type, n}; }
};

}  // namespace

std::optional<SiteRecord> SiteRepository::find(const std::string& code) {
  SqlParams params;
  std::string where = "WHERE s.code = " + params.text(code);
  return fetch_row<RecordBinding>(sql_, kSelect + where, params);
}

std::vector<SiteRecord> SiteRepository::list(const SiteFilter& f, long long limit, long long offset) {
  SqlParams params;
  std::string where = filter_sql(f, params);
  std::string page = " ORDER BY s.code LIMIT " + params.integer(limit < 0 ? (1LL << 62) : limit) +
                     " OFFSET " + params.integer(offset);
  return fetch_rows<RecordBinding>(sql_, kSelect + where + page, params);
}

long long SiteRepository::count(const SiteFilter& f) {
  SqlParams params;
  std::string where = filter_sql(f, params);
  return *fetch_row<CountBinding>(
      sql_, "SELECT COUNT(*) FROM sites s JOIN units u ON u.id = s.unit_id" + where, params);
}

std::vector<std::pair<std::string, long long>> SiteRepository::count_by_type(const std::string& path_from,
                                                                             const std::string& path_to) {
  SqlParams params;
  std::string query =
      "SELECT s.type, COUNT(*) FROM sites s JOIN units u ON u.id = s.unit_id WHERE u.path >= " +
      params.text(path_from) + " AND u.path < " + params.text(path_to) + " GROUP BY s.type ORDER BY s.type";
  return fetch_rows<TypeCountBinding>(sql_, query, params);
}

long long SiteRepository::insert(const SiteRecord& s, TimeMs now) {
  double lat = s.lat.value_or(0), lon = s.lon.value_or(0);
  soci::indicator lat_ind = s.lat ? soci::i_ok : soci::i_null, lon_ind = s.lon ? soci::i_ok : soci::i_null;
  sql_ << "INSERT INTO sites (code, name, type, unit_id, lat, lon, address, grid_cell, version, created_at,"
          " updated_at) VALUES (:code, :name, :type, :unit, :lat, :lon, :address, :grid, 1, :now, :now2)",
      soci::use(s.code), soci::use(s.name), soci::use(s.type), soci::use(s.unit_id), soci::use(lat, lat_ind),
      soci::use(lon, lon_ind), soci::use(s.address), soci::use(s.grid_cell), soci::use(now), soci::use(now);
  long long id = 0;
  sql_ << "SELECT id FROM sites WHERE code = :code", soci::use(s.code), soci::into(id);
  return id;
}

std::unordered_map<std::string, SiteRecord> SiteRepository::find_many(const std::vector<std::string>& codes) {
  std::unordered_map<std::string, SiteRecord> out;
  for (size_t start = 0; start < codes.size(); start += kLookupBatch) {
    SqlParams params;
    std::string in;
    for (size_t i = start; i < std::min(codes.size(), start + kLookupBatch); ++i) {
      in += (i == start ? "" : ", ") + params.text(codes[i]);
    }
    for (auto& r : fetch_rows<RecordBinding>(sql_, kSelect + "WHERE s.code IN (" + in + ")", params)) {
      std::string code = r.code;
      out.emplace(std::move(code), std::move(r));
    }
  }
  return out;
}

void SiteRepository::insert_many(const std::vector<SiteRecord>& sites, TimeMs now) {
  using T = BulkInserter::Type;
  BulkInserter rows(sql_, "sites",
                    {{"code", T::text},
                     {"name", T::text},
                     {"type", T::text},
                     {"unit_id", T::integer},
                     {"lat", T::real},
                     {"lon", T::real},
                     {"address", T::text},
                     {"grid_cell", T::text},
                     {"version", T::integer},
                     {"created_at", T::integer},
                     {"updated_at", T::integer}});
  for (const SiteRecord& s : sites) {
    rows.text(s.code).text(s.name).text(s.type).integer(s.unit_id);
    if (s.lat) {
      rows.real(*s.lat);
    } else {
      rows.null();
    }
    if (s.lon) {
      rows.real(*s.lon);
    } else {
      rows.null();
    }
    rows.text(s.address).text(s.grid_cell).integer(1).integer(now).integer(now).end_row();
  }
  rows.flush();
}

bool SiteRepository::update(const SiteRecord& s, long long expected_version, TimeMs now) {
  double lat = s.lat.value_or(0), lon = s.lon.value_or(0);
  soci::indicator lat_ind = s.lat ? soci::i_ok : soci::i_null, lon_ind = s.lon ? soci::i_ok : soci::i_null;
  long long next = expected_version + 1;
  soci::statement st =
      (sql_.prepare << "UPDATE sites SET name = :name, type = :type, unit_id = :unit, lat = :lat,"
                       " lon = :lon, address = :address, grid_cell = :grid, version = :next,"
                       " updated_at = :now WHERE id = :id AND version = :expected",
       soci::use(s.name), soci::use(s.type), soci::use(s.unit_id), soci::use(lat, lat_ind),
       soci::use(lon, lon_ind), soci::use(s.address), soci::use(s.grid_cell), soci::use(next), soci::use(now),
       soci::use(s.id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void SiteRepository::remove(long long id) {
  sql_ << "DELETE FROM sites WHERE id = :id", soci::use(id);
}

long long SiteRepository::inspection_count(long long site_id) {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM inspections WHERE site_id = :id", soci::use(site_id), soci::into(n);
  return n;
}

}  // namespace civic::store
