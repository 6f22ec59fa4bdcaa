// UnitRepository: rows of `units` over one session (the caller's transaction). No business rules: the
// service checks permissions and scope. Subtrees are range queries on the indexed materialized path.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"
#include "domain/units/unit.h"

namespace civic::store {

class UnitRepository {
 public:
  explicit UnitRepository(soci::session& sql) : sql_(sql) {}

  // Inserts `unit` (id, path and version are assigned: path = parent's path + id + "/", or "/id/" for the
  // root). Returns the stored unit. Throws std::runtime_error if the parent id is unknown.
  Unit insert(const Unit& unit, TimeMs now);
  std::optional<Unit> find_by_code(const std::string& code);
  std::optional<Unit> find_by_id(long long id);
  std::optional<Unit> root();
  std::vector<Unit> children(long long parent_id);
  // Every unit whose path starts with `path_prefix` (the unit itself included), by path.
  // `type` filters when not empty; `text`, when not empty, keeps units whose code, name or English name
  // contains it (literally); `limit` < 0 means all.
  std::vector<Unit> subtree(const std::string& path_prefix, const std::string& type = {},
                            long long limit = -1, long long offset = 0, const std::string& text = {});
  long long count_subtree(const std::string& path_prefix, const std::string& type = {},
                          const std::string& text = {});
  // Writes name, name_en, type, population, sort_order when the stored version equals `expected_version`;
  // bumps version. Returns false when the version was stale (or the unit is gone).
  bool update(const Unit& unit, long long expected_version, TimeMs now);
  long long count();

 private:
  soci::session& sql_;
};

// The exclusive upper bound of the paths under `prefix` ("/1/7/" → "/1/70"): '0' follows '/' in ASCII.
std::string path_upper_bound(const std::string& prefix);

}  // namespace civic::store
