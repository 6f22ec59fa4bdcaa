// UnitService: the unit tree within the caller's scope. Reads need read_units; a unit outside scope is
// NotFound. Creating and editing needs manage_units and a parent within scope; updates carry the version they
// read (stale → Conflict). Every change is audited with before/after.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/page.h"
#include "domain/units/unit.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "store/core/database.h"

namespace civic::service {

struct UnitDraft {
  std::string code;
  std::string name;
  std::string name_en;
  UnitType type = UnitType::community;
  std::string parent_code;  // required: only `civic init` creates the root
  long long population = 0;
  int sort_order = 0;
};

// Fields left empty are not changed. Moving a unit to another parent is not supported.
struct UnitChanges {
  std::optional<std::string> name = {};
  std::optional<std::string> name_en = {};
  std::optional<UnitType> type = {};
  std::optional<long long> population = {};
  std::optional<int> sort_order = {};
};

struct UnitQuery {
  std::string under;  // code of a unit in scope whose subtree to list; "" = the caller's scope
  std::optional<UnitType> type = {};  // only this type
  std::string text;                   // code, name or English name containing it; "" = any
};

class UnitService {
 public:
  UnitService(store::Database& db, AuditService& audit) : db_(db), audit_(audit) {}

  // Units in scope (and under `query.under`) in tree order (by materialized path: parents before children).
  Page<Unit> list(const Principal& who, const UnitQuery& query, const PageRequest& page);
  // NotFound when unknown or outside scope.
  Unit get(const Principal& who, std::string_view code);
  // The caller's own unit: every signed-in role may see it (the audit admin has no read_units otherwise).
  Unit own_unit(const Principal& who);
  // Direct children of `code`, in scope.
  std::vector<Unit> children(const Principal& who, std::string_view code);
  // The root of the tree (the city), regardless of scope; NotFound before `civic init`.
  Unit root();

  // Creates the root unit (type city; draft.parent_code ignored). manage_units; Conflict if a root exists.
  Unit create_root(const Principal& who, const UnitDraft& draft);
  Unit create(const Principal& who, const UnitDraft& draft);
  Unit update(const Principal& who, std::string_view code, const UnitChanges& changes, long long version);

 private:
  store::Database& db_;
  AuditService& audit_;
};

}  // namespace civic::service
