#include "store/units/unit_repository.h"

#include <stdexcept>

#include "store/core/sql_params.h"

namespace civic::store {

namespace {

const char* kColumns =
    "SELECT id, code, name, name_en, type, parent_id, path, population, sort_order, version FROM units ";

struct UnitRow {
  Unit unit;
  std::string type;
  long long parent = 0;
  soci::indicator parent_ind = soci::i_null;

  void bind(soci::statement& st) {
    st.exchange(soci::into(unit.id));
    st.exchange(soci::into(unit.code));
    st.exchange(soci::into(unit.name));
    st.exchange(soci::into(unit.name_en));
    st.exchange(soci::into(type));
    st.exchange(soci::into(parent, parent_ind));
    st.exchange(soci::into(unit.path));
    st.exchange(soci::into(unit.population));
    st.exchange(soci::into(unit.sort_order));
    st.exchange(soci::into(unit.version));
  }
  Unit take() {
    Unit u = unit;
    u.type = parse_unit_type(type);
    u.parent_id = parent_ind == soci::i_ok ? std::optional<long long>(parent) : std::nullopt;
    return u;
  }
};

// Runs `query` (appended to kColumns) with `bind_uses` binding the parameters; returns every row.
template <typename BindUses>
std::vector<Unit> select_units(soci::session& sql, const std::string& tail, BindUses bind_uses) {
  UnitRow row;
  soci::statement st(sql);
  row.bind(st);
  bind_uses(st);
  st.alloc();
  st.prepare(kColumns + tail);
  st.define_and_bind();
  std::vector<Unit> out;
  if (st.execute(true)) {
    do {
      out.push_back(row.take());
    } while (st.fetch());
  }
  return out;
}

std::optional<Unit> first(std::vector<Unit> v) {
  if (v.empty()) return std::nullopt;
  return std::move(v.front());
}

}  // namespace

std::string path_upper_bound(const std::string& prefix) {
  if (prefix.empty()) return "0";
  std::string hi = prefix;
  hi.back() = static_cast<char>(hi.back() + 1);
  return hi;
}

Unit UnitRepository::insert(const Unit& unit, TimeMs now) {
  std::string parent_path;
  if (unit.parent_id) {
    auto parent = find_by_id(*unit.parent_id);
    if (!parent)
      throw std::runtime_error("parent unit " + std::to_string(*unit.parent_id) + " does not exist");
    parent_path = parent->path;
  }
  long long id = 0;
  std::string type = unit_type_name(unit.type);
  long long parent = unit.parent_id.value_or(0);
  soci::indicator parent_ind = unit.parent_id ? soci::i_ok : soci::i_null;
  // A unique placeholder path until the id is known; replaced in the same transaction.
  std::string pending = "pending:" + unit.code;
  sql_ << "INSERT INTO units (code, name, name_en, type, parent_id, path, population, sort_order, version,"
          " created_at, updated_at) VALUES (:code, :name, :name_en, :type, :parent, :path, :pop, :sort, 1,"
          " :now, :now2) RETURNING id",
      soci::use(unit.code), soci::use(unit.name), soci::use(unit.name_en), soci::use(type),
      soci::use(parent, parent_ind), soci::use(pending), soci::use(unit.population),
      soci::use(unit.sort_order), soci::use(now), soci::use(now), soci::into(id);
  std::string path = (unit.parent_id ? parent_path : std::string("/")) + std::to_string(id) + "/";
  sql_ << "UPDATE units SET path = :path WHERE id = :id", soci::use(path), soci::use(id);
  Unit stored = unit;
  stored.id = id;
  stored.path = path;
  stored.version = 1;
  return stored;
}

std::optional<Unit> UnitRepository::find_by_code(const std::string& code) {
  return first(
      select_units(sql_, "WHERE code = :code", [&](soci::statement& st) { st.exchange(soci::use(code)); }));
}

std::optional<Unit> UnitRepository::find_by_id(long long id) {
  return first(
      select_units(sql_, "WHERE id = :id", [&](soci::statement& st) { st.exchange(soci::use(id)); }));
}

std::optional<Unit> UnitRepository::root() {
  return first(select_units(sql_, "WHERE parent_id IS NULL ORDER BY id LIMIT 1", [](soci::statement&) {}));
}

std::vector<Unit> UnitRepository::children(long long parent_id) {
  return select_units(sql_, "WHERE parent_id = :p ORDER BY sort_order, code",
                      [&](soci::statement& st) { st.exchange(soci::use(parent_id)); });
}

namespace {

// The WHERE clause of a subtree query and its parameters, bound in order.
struct SubtreeFilter {
  std::string lo, hi, type, pattern;
  explicit SubtreeFilter(const std::string& prefix, const std::string& t, const std::string& text)
      : lo(prefix),
        hi(path_upper_bound(prefix)),
        type(t),
        pattern(text.empty() ? "" : contains_pattern(text)) {}
  std::string where() const {
    std::string w = "WHERE path >= :lo AND path < :hi";
    if (!type.empty()) w += " AND type = :type";
    if (!pattern.empty())
      w += " AND (code LIKE :q1 ESCAPE '\\' OR name LIKE :q2 ESCAPE '\\' OR name_en LIKE :q3 ESCAPE '\\')";
    return w;
  }
  void bind(soci::statement& st) const {
    st.exchange(soci::use(lo));
    st.exchange(soci::use(hi));
    if (!type.empty()) st.exchange(soci::use(type));
    if (!pattern.empty()) {
      st.exchange(soci::use(pattern));
      st.exchange(soci::use(pattern));
      st.exchange(soci::use(pattern));
    }
  }
};

}  // namespace

std::vector<Unit> UnitRepository::subtree(const std::string& path_prefix, const std::string& type,
                                          long long limit, long long offset, const std::string& text) {
  const SubtreeFilter f(path_prefix, type, text);
  std::string tail = f.where() + " ORDER BY path";
  if (limit >= 0) tail += " LIMIT :limit OFFSET :offset";
  return select_units(sql_, tail, [&](soci::statement& st) {
    f.bind(st);
    if (limit >= 0) {
      st.exchange(soci::use(limit));
      st.exchange(soci::use(offset));
    }
  });
}

long long UnitRepository::count_subtree(const std::string& path_prefix, const std::string& type,
                                        const std::string& text) {
  const SubtreeFilter f(path_prefix, type, text);
  long long n = 0;
  soci::statement st(sql_);
  st.exchange(soci::into(n));
  f.bind(st);
  st.alloc();
  st.prepare("SELECT COUNT(*) FROM units " + f.where());
  st.define_and_bind();
  st.execute(true);
  return n;
}

bool UnitRepository::update(const Unit& unit, long long expected_version, TimeMs now) {
  std::string type = unit_type_name(unit.type);
  soci::statement st =
      (sql_.prepare << "UPDATE units SET name = :name, name_en = :name_en, type = :type,"
                       " population = :pop, sort_order = :sort, version = version + 1,"
                       " updated_at = :now WHERE id = :id AND version = :version",
       soci::use(unit.name), soci::use(unit.name_en), soci::use(type), soci::use(unit.population),
       soci::use(unit.sort_order), soci::use(now), soci::use(unit.id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

long long UnitRepository::count() {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM units", soci::into(n);
  return n;
}

}  // namespace civic::store
