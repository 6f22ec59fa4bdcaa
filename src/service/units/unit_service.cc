#include "service/units/unit_service.h"

#include <soci/soci.h>

#include "domain/core/error.h"
#include "service/core/json_text.h"
#include "service/evaluation/computed_statistics.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

std::string unit_json(const Unit& u) {
  JsonText j;
  j.add("code", u.code).add("name", u.name).add("name_en", u.name_en).add("type", unit_type_name(u.type));
  j.add("parent_id", u.parent_id.value_or(0)).add("population", u.population).add("sort_order", u.sort_order);
  j.add("version", u.version);
  return j.str();
}

// The path prefix of everything the principal may see.
std::string scope_prefix(const Principal& who) {
  return who.is_cli ? std::string("/") : who.unit_path;
}

std::optional<Unit> find_unit(store::Database& db, const std::string& code) {
  auto lease = db.lease();
  return store::UnitRepository(*lease).find_by_code(code);
}

void validate_draft_fields(const std::string& name, long long population) {
  if (name.empty() || name.size() > 200)
    throw InvalidInput("name", "unit name must be 1-200 bytes", message_key("unit.name.length"));
  if (population < 0)
    throw InvalidInput("population", "population cannot be negative",
                       message_key("unit.population.negative"));
}

// Units are evaluation structure too (scope, population): cached scores must be rebuilt.
void changed_units(soci::session& sql) {
  store::EvaluationRepository evaluation(sql);
  evaluation.bump_revision();
  evaluation.bump_structure_revision();
}

}  // namespace

Page<Unit> UnitService::list(const Principal& who, const UnitQuery& query, const PageRequest& page) {
  audit_.require(who, Permission::read_units);
  page.validate();
  std::string prefix = scope_prefix(who);
  if (!query.under.empty()) prefix = get(who, query.under).path;
  if (prefix.empty()) return Page<Unit>{{}, 0, page.page, page.page_size};
  std::string type = query.type ? unit_type_name(*query.type) : "";
  auto lease = db_.lease();
  store::UnitRepository units(*lease);
  Page<Unit> out;
  out.page = page.page;
  out.page_size = page.page_size;
  out.total = units.count_subtree(prefix, type, query.text);
  out.items = units.subtree(prefix, type, page.page_size, page.offset(), query.text);
  return out;
}

Unit UnitService::get(const Principal& who, std::string_view code_in) {
  audit_.require(who, Permission::read_units);
  std::string code(code_in);
  auto unit = find_unit(db_, code);
  if (!unit || !who.in_scope(*unit)) audit_.deny_out_of_scope(who, "unit", code);
  return *unit;
}

Unit UnitService::own_unit(const Principal& who) {
  auto unit = find_unit(db_, who.unit_code);
  if (!unit)
    throw NotFound("unit \"" + who.unit_code + "\" not found",
                   message_key("unit.not_found", {{"unit", who.unit_code}}));
  return *unit;
}

std::vector<Unit> UnitService::children(const Principal& who, std::string_view code) {
  Unit parent = get(who, code);
  auto lease = db_.lease();
  return store::UnitRepository(*lease).children(parent.id);
}

Unit UnitService::root() {
  auto lease = db_.lease();
  auto r = store::UnitRepository(*lease).root();
  if (!r) throw NotFound("there is no root unit yet; run `civic init`", message_key("unit.root.missing"));
  return *r;
}

Unit UnitService::create_root(const Principal& who, const UnitDraft& draft) {
  audit_.require(who, Permission::manage_units);
  validate_unit_code(draft.code);
  validate_draft_fields(draft.name, draft.population);
  return db_.transact([&](soci::session& sql) {
    changed_units(sql);  // first: the counter row lock orders writers (EvaluationRepository)
    store::UnitRepository units(sql);
    if (auto existing = units.root())
      throw Conflict("the root unit already exists: " + existing->code, "code",
                     message_key("unit.root.exists", {{"unit", existing->code}}));
    if (units.find_by_code(draft.code))
      throw Conflict("unit code '" + draft.code + "' already exists", "code",
                     message_key("unit.code.taken", {{"unit", draft.code}}));
    Unit u;
    u.code = draft.code;
    u.name = draft.name;
    u.name_en = draft.name_en;
    u.type = UnitType::city;
    u.population = draft.population;
    u.sort_order = draft.sort_order;
    Unit stored = units.insert(u, audit_.clock().now_ms());
    ComputedStatistics::refresh(sql);  // residents and communities are denominators of computed items
    audit_.record(sql, who, {"unit.create", "unit", stored.code, "", unit_json(stored)});
    return stored;
  });
}

Unit UnitService::create(const Principal& who, const UnitDraft& draft) {
  audit_.require(who, Permission::manage_units);
  validate_unit_code(draft.code);
  validate_draft_fields(draft.name, draft.population);
  if (draft.type == UnitType::city)
    throw InvalidInput("type", "there is one city: the root unit", message_key("unit.type.city"));
  if (draft.parent_code.empty())
    throw InvalidInput("parent_code", "a unit needs a parent unit", message_key("unit.parent.required"));
  auto parent = find_unit(db_, draft.parent_code);
  if (!parent || !who.in_scope(*parent))
    throw InvalidInput("parent_code", "unknown parent unit '" + draft.parent_code + "'",
                       message_key("unit.parent.unknown", {{"unit", draft.parent_code}}));
  return db_.transact([&](soci::session& sql) {
    changed_units(sql);  // first: the counter row lock orders writers (EvaluationRepository)
    store::UnitRepository units(sql);
    if (units.find_by_code(draft.code))
      throw Conflict("unit code '" + draft.code + "' already exists", "code",
                     message_key("unit.code.taken", {{"unit", draft.code}}));
    Unit u;
    u.code = draft.code;
    u.name = draft.name;
    u.name_en = draft.name_en;
    u.type = draft.type;
    u.parent_id = parent->id;
    u.population = draft.population;
    u.sort_order = draft.sort_order;
    Unit stored = units.insert(u, audit_.clock().now_ms());
    audit_.record(sql, who, {"unit.create", "unit", stored.code, "", unit_json(stored)});
    return stored;
  });
}

Unit UnitService::update(const Principal& who, std::string_view code_in, const UnitChanges& changes,
                         long long version) {
  audit_.require(who, Permission::manage_units);
  std::string code(code_in);
  auto current = find_unit(db_, code);
  if (!current || !who.in_scope(*current)) audit_.deny_out_of_scope(who, "unit", code);
  return db_.transact([&](soci::session& sql) {
    changed_units(sql);  // first: the counter row lock orders writers (EvaluationRepository)
    store::UnitRepository units(sql);
    auto before = units.find_by_code(code);
    if (!before)
      throw NotFound("unit '" + code + "' not found", message_key("unit.not_found", {{"unit", code}}));
    if (before->version != version) {
      throw Conflict("unit '" + code + "' was changed by someone else (version " +
                         std::to_string(before->version) + "); reload and try again",
                     "version", message_key("unit.version.stale", {{"unit", code}}));
    }
    Unit after = *before;
    if (changes.name) after.name = *changes.name;
    if (changes.name_en) after.name_en = *changes.name_en;
    if (changes.type) after.type = *changes.type;
    if (changes.population) after.population = *changes.population;
    if (changes.sort_order) after.sort_order = *changes.sort_order;
    validate_draft_fields(after.name, after.population);
    if ((after.type == UnitType::city) != (before->type == UnitType::city)) {
      throw InvalidInput("type", "only the root unit is a city", message_key("unit.type.city"));
    }
    if (!units.update(after, version, audit_.clock().now_ms())) {
      throw Conflict("unit '" + code + "' was changed by someone else; reload and try again", "version",
                     message_key("unit.version.stale", {{"unit", code}}));
    }
    after.version = version + 1;
    ComputedStatistics::refresh(sql);
    audit_.record(sql, who, {"unit.update", "unit", code, unit_json(*before), unit_json(after)});
    return after;
  });
}

}  // namespace civic::service
