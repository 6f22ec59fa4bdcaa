#include "service/evaluation/penalty_service.h"

#include <soci/soci.h>

#include <charconv>
#include <map>

#include "bundle/framework_document.h"
#include "domain/core/civil_date.h"
#include "domain/core/error.h"
#include "service/core/json_text.h"
#include "service/evaluation/period_guard.h"
#include "service/units/unit_place.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/evaluation/penalty_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

std::string number_text(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

const NegativeListEntry* entry_of(const Framework& f, const std::string& type) {
  for (const auto& e : f.negative_list)
    if (e.code == type) return &e;
  return nullptr;
}

Penalty penalty_of(const store::PenaltyRow& r, const Framework* framework) {
  Penalty p;
  p.id = r.id;
  p.period = r.period_code;
  p.unit = r.unit_code;
  p.unit_name = r.unit_name;
  p.type = r.type;
  p.type_name = r.description;
  if (framework) {
    if (const NegativeListEntry* e = entry_of(*framework, r.type)) {
      p.type_name = e->name;
      p.type_name_en = e->name_en;
    }
  }
  p.deduct = r.deduct;
  p.disqualify = r.disqualify;
  p.date = r.date;
  p.description = r.description;
  p.files = r.files;
  p.state = r.state;
  p.recorded_by = r.recorded_by;
  p.recorded_at = r.recorded_at;
  p.withdrawn_reason = r.withdrawn_reason;
  p.withdrawn_by = r.withdrawn_by;
  p.withdrawn_at = r.withdrawn_at;
  return p;
}

// Frameworks by period code, read once per call.
class PeriodFrameworks {
 public:
  explicit PeriodFrameworks(soci::session& sql) : repo_(sql) {}
  const Framework* of(const std::string& period) {
    auto it = cache_.find(period);
    if (it != cache_.end()) return it->second ? &*it->second : nullptr;
    std::optional<Framework> f;
    if (auto p = repo_.find_period(period)) {
      if (auto row = repo_.framework_by_id(p->framework_id))
        f = bundle::read_framework_document(row->document);
    }
    auto& slot = cache_[period] = std::move(f);
    return slot ? &*slot : nullptr;
  }

 private:
  store::EvaluationRepository repo_;
  std::map<std::string, std::optional<Framework>> cache_;
};

std::string audit_json(const Penalty& p) {
  return JsonText()
      .add("id", p.id)
      .add("period", p.period)
      .add("unit", p.unit)
      .add("type", p.type)
      .add("deduct", number_text(p.deduct))
      .add("disqualify", p.disqualify)
      .add("date", p.date)
      .add("state", p.state)
      .add("files", p.files)
      .str();
}

[[noreturn]] void not_found(long long id) {
  throw NotFound("no negative-list event " + std::to_string(id),
                 message_key("penalty.not_found", {{"id", std::to_string(id)}}));
}

}  // namespace

std::vector<Penalty> PenaltyService::list_all(const Principal& who, const PenaltyQuery& q) {
  audit_.require(who, Permission::read_scores);
  if (!q.state.empty() && q.state != "recorded" && q.state != "withdrawn")
    throw InvalidInput("state", "state is recorded or withdrawn", message_key("penalty.state.unknown"));
  auto lease = db_.lease();
  PeriodFrameworks frameworks(*lease);
  std::vector<Penalty> out;
  for (const auto& r : store::PenaltyRepository(*lease).list(q.period)) {
    if (!who.in_scope(r.unit_path)) continue;
    if (!q.unit.empty() && r.unit_code != q.unit) continue;
    if (!q.type.empty() && r.type != q.type) continue;
    if (!q.state.empty() && r.state != q.state) continue;
    out.push_back(penalty_of(r, frameworks.of(r.period_code)));
  }
  return out;
}

Page<Penalty> PenaltyService::list(const Principal& who, const PenaltyQuery& q, const PageRequest& page) {
  page.validate();
  auto all = list_all(who, q);
  Page<Penalty> out;
  out.total = static_cast<long long>(all.size());
  out.page = page.page;
  out.page_size = page.page_size;
  for (long long i = page.offset(); i < out.total && i < page.offset() + page.page_size; ++i)
    out.items.push_back(std::move(all[i]));
  return out;
}

Penalty PenaltyService::get(const Principal& who, long long id) {
  audit_.require(who, Permission::read_scores);
  auto lease = db_.lease();
  auto r = store::PenaltyRepository(*lease).find(id);
  if (!r || !who.in_scope(r->unit_path)) not_found(id);
  PeriodFrameworks frameworks(*lease);
  return penalty_of(*r, frameworks.of(r->period_code));
}

Penalty PenaltyService::record(const Principal& who, const PenaltyDraft& d) {
  audit_.require(who, Permission::manage_penalties);
  if (d.period.empty())
    throw InvalidInput("period", "period is required", message_key("penalty.period.required"));
  if (d.description.empty())
    throw InvalidInput("description", "describe the event", message_key("penalty.description.required"));
  auto date = parse_iso_date(d.date);
  if (!date || to_iso(*date) != d.date)
    throw InvalidInput("date", "date is YYYY-MM-DD", message_key("penalty.date.invalid"));
  long long id = db_.transact([&](soci::session& sql) {
    store::EvaluationRepository evaluation(sql);
    evaluation.bump_revision();
    long long period_id = require_open_period(sql, d.period);
    auto period = evaluation.find_period(d.period);
    if (d.date < period->start || d.date > period->end)
      throw InvalidInput("date",
                         "the event's date must lie in the period " + period->start + " – " + period->end,
                         message_key("penalty.date.outside_period",
                                     {{"period", d.period}, {"start", period->start}, {"end", period->end}}));
    Framework f = bundle::read_framework_document(evaluation.framework_by_id(period->framework_id)->document);
    const NegativeListEntry* type = entry_of(f, d.type);
    if (!type)
      throw InvalidInput("type", "the period's framework lists no negative-list type " + d.type,
                         message_key("penalty.type.unknown", {{"type", d.type}}));
    auto unit = store::UnitRepository(sql).find_by_code(d.unit);
    if (!unit || !who.in_scope(*unit))
      throw InvalidInput("unit", "no unit " + d.unit,
                         message_key("penalty.unit.unknown", {{"unit", d.unit}}));
    photos_.require_existing(sql, d.files, "files");
    store::PenaltyRow row;
    row.type = type->code;
    row.unit_id = unit->id;
    row.period_id = period_id;
    row.deduct = type->deduct;
    row.disqualify = type->disqualify;
    row.description = d.description;
    row.date = d.date;
    row.files = d.files;
    row.recorded_by = who.username;
    row.recorded_at = audit_.clock().now_ms();
    store::PenaltyRepository repo(sql);
    long long new_id = repo.insert(row);
    evaluation.bump_structure_revision();
    Penalty p = penalty_of(*repo.find(new_id), &f);
    audit_.record(sql, who, {"penalty.record", "penalty", std::to_string(new_id), "", audit_json(p)});
    notifications_.notify_unit(sql, unit->id, "penalty_recorded",
                               JsonText()
                                   .add("id", new_id)
                                   .add("period", d.period)
                                   .add("unit", d.unit)
                                   .add("where", unit_place(sql, unit->id))
                                   .add("type", type->code)
                                   .add("type_name", type->name)
                                   .add("disqualify", type->disqualify)
                                   .str(),
                               "penalty", std::to_string(new_id));
    return new_id;
  });
  return get(who, id);
}

Penalty PenaltyService::withdraw(const Principal& who, long long id, const std::string& reason) {
  audit_.require(who, Permission::manage_penalties);
  if (reason.empty())
    throw InvalidInput("reason", "withdrawing an event needs a reason",
                       message_key("penalty.reason.required"));
  db_.transact([&](soci::session& sql) {
    store::EvaluationRepository evaluation(sql);
    evaluation.bump_revision();
    store::PenaltyRepository repo(sql);
    auto r = repo.find(id);
    if (!r || !who.in_scope(r->unit_path)) not_found(id);
    require_open_period(sql, r->period_code);
    if (r->state != "recorded")
      throw Conflict("event " + std::to_string(id) + " is already withdrawn", "state",
                     message_key("penalty.already_withdrawn", {{"id", std::to_string(id)}}));
    Penalty before = penalty_of(*r, nullptr);
    repo.withdraw(id, reason, who.username, audit_.clock().now_ms());
    evaluation.bump_structure_revision();
    Penalty after = penalty_of(*repo.find(id), nullptr);
    audit_.record(sql, who,
                  {"penalty.withdraw", "penalty", std::to_string(id), audit_json(before),
                   JsonText().add("state", after.state).add("reason", reason).str()});
    notifications_.notify_unit(sql, r->unit_id, "penalty_withdrawn",
                               JsonText()
                                   .add("id", id)
                                   .add("period", r->period_code)
                                   .add("where", unit_place(sql, r->unit_id))
                                   .add("type", r->type)
                                   .add("reason", reason)
                                   .str(),
                               "penalty", std::to_string(id));
  });
  return get(who, id);
}

}  // namespace civic::service
