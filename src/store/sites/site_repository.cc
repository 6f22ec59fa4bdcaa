#include "store/sites/site_repository.h"

#include "store/core/sql_params.h"

namespace civic::store {

namespace {

const char* kSelect =
    "SELECT s.id, s.code, s.name, s.type, s.unit_id, u.code, u.name, u.path, s.lat, s.lon, s.address,"
    " s.grid_cell, s.version FROM sites s JOIN units u ON u.id = s.unit_id ";

const char* kFilter =
    " WHERE u.path >= :path_from AND u.path < :path_to"
    " AND (:type = '' OR s.type = :type2)"
    " AND (:text = '' OR s.code LIKE :like ESCAPE '\\' OR s.name LIKE :like2 ESCAPE '\\')";

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

}  // namespace

std::optional<SiteRecord> SiteRepository::find(const std::string& code) {
  RecordBinding b;
  soci::statement st(sql_);
  b.bind(st);
  std::string c = code;
  st.exchange(soci::use(c));
  st.alloc();
  st.prepare(std::string(kSelect) + "WHERE s.code = :code");
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  return b.take();
}

std::vector<SiteRecord> SiteRepository::list(const SiteFilter& f, long long limit, long long offset) {
  RecordBinding b;
  std::string like = contains_pattern(f.text);
  if (limit < 0) limit = (1LL << 62);
  soci::statement st(sql_);
  b.bind(st);
  st.exchange(soci::use(f.path_from));
  st.exchange(soci::use(f.path_to));
  st.exchange(soci::use(f.type));
  st.exchange(soci::use(f.type));
  st.exchange(soci::use(f.text));
  st.exchange(soci::use(like));
  st.exchange(soci::use(like));
  st.exchange(soci::use(limit));
  st.exchange(soci::use(offset));
  st.alloc();
  st.prepare(std::string(kSelect) + kFilter + " ORDER BY s.code LIMIT :limit OFFSET :offset");
  st.define_and_bind();
  std::vector<SiteRecord> out;
  if (st.execute(true)) {
    do {
      out.push_back(b.take());
    } while (st.fetch());
  }
  return out;
}

long long SiteRepository::count(const SiteFilter& f) {
  long long n = 0;
  std::string like = contains_pattern(f.text);
  sql_ << std::string("SELECT COUNT(*) FROM sites s JOIN units u ON u.id = s.unit_id") + kFilter,
      soci::use(f.path_from), soci::use(f.path_to), soci::use(f.type), soci::use(f.type), soci::use(f.text),
      soci::use(like), soci::use(like), soci::into(n);
  return n;
}

std::vector<std::pair<std::string, long long>> SiteRepository::count_by_type(const std::string& path_from,
                                                                             const std::string& path_to) {
  std::vector<std::pair<std::string, long long>> out;
  std::string type;
  long long n = 0;
  soci::statement st =
      (sql_.prepare << "SELECT s.type, COUNT(*) FROM sites s JOIN units u ON u.id = s.unit_id"
                       " WHERE u.path >= :f AND u.path < :t GROUP BY s.type ORDER BY s.type",
       soci::use(path_from), soci::use(path_to), soci::into(type), soci::into(n));
  if (st.execute(true)) {
    do {
      out.emplace_back(type, n);
    } while (st.fetch());
  }
  return out;
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
