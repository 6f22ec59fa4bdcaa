#include "service/self_inspections/self_inspection_service.h"

#include <soci/soci.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "bundle/framework_document.h"
#include "domain/core/comparison.h"
#include "domain/core/error.h"
#include "domain/core/text_limit.h"
#include "scoring/period_scores.h"
#include "service/accounts/people_names.h"
#include "service/core/json_text.h"
#include "service/core/permission.h"
#include "service/evaluation/period_guard.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/self_inspections/self_inspection_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

bool over_optimistic(double gap) {
  return clearly_less(kOverOptimisticGap, gap);
}

namespace {

[[noreturn]] void not_found(long long id) {
  throw NotFound("no self-inspection " + std::to_string(id),
                 message_key("self_inspection.not_found", {{"id", std::to_string(id)}}));
}

// The row, or NotFound when missing or outside `who`'s scope.
store::SelfInspectionRow load(soci::session& sql, const Principal& who, long long id) {
  auto r = store::SelfInspectionRepository(sql).find(id);
  if (!r || !who.in_scope(r->unit_path)) not_found(id);
  return *r;
}

Framework framework_of(soci::session& sql, long long period_id) {
  long long framework_id = 0;
  sql << "SELECT framework_id FROM periods WHERE id = :p", soci::use(period_id), soci::into(framework_id);
  store::EvaluationRepository repo(sql);
  return bundle::read_framework_document(repo.framework_by_id(framework_id)->document);
}

// The framework's items with their indicator and aspect, in framework order, not yet filled in.
std::vector<SelfInspectionItem> framework_items(const Framework& fw) {
  std::vector<SelfInspectionItem> out;
  for (const Aspect& a : fw.aspects) {
    for (const Indicator& ind : a.indicators) {
      for (const Item& it : ind.items) {
        SelfInspectionItem s;
        s.code = it.code;
        s.name = it.name;
        s.name_en = it.name_en;
        s.method = method_name(it.method);
        s.max_score = it.max_score;
        s.indicator = ind.code;
        s.indicator_name = ind.name;
        s.aspect = a.code;
        s.aspect_name = a.name;
        if (it.method == Method::statistic) {
          s.metric = it.metric;
          s.direction = direction_name(it.direction);
          s.target = it.target;
          s.measure = it.measure;
        }
        out.push_back(std::move(s));
      }
    }
  }
  return out;
}

const Item* item_of(const Framework& fw, const std::string& code) {
  for (const Item* it : fw.items())
    if (it->code == code) return it;
  return nullptr;
}

SelfInspection summary_of(const store::SelfInspectionRow& r) {
  SelfInspection s;
  s.id = r.id;
  s.period = r.period_code;
  s.unit = r.unit_code;
  s.unit_name = r.unit_name;
  s.state = r.state;
  s.started_by = r.started_by;
  s.started_at = r.started_at;
  s.finished_at = r.finished_at;
  return s;
}

std::string audit_json(const SelfInspection& s) {
  return JsonText()
      .add("id", s.id)
      .add("period", s.period)
      .add("unit", s.unit)
      .add("state", s.state)
      .add("items_filled", s.items_filled)
      .str();
}

std::string item_json(const store::SelfInspectionItemRow& r) {
  return JsonText()
      .add("item", r.item)
      .add("self_rate", r.self_rate)
      .add("expected", r.expected)
      .add("note", r.note)
      .add("files", r.files)
      .str();
}

// The gap table of `rows` against the unit's measured rates in `scored` (null: nothing measured).
SelfInspectionGaps compare(const Framework& fw, const std::vector<store::SelfInspectionItemRow>& rows,
                           const ScoredPeriod* scored, const std::string& unit_code) {
  SelfInspectionGaps g;
  int unit = scored ? scored->dataset.unit_index(unit_code) : -1;
  std::map<std::string, const store::SelfInspectionItemRow*> by_item;
  for (const auto& r : rows) by_item[r.item] = &r;
  double sum = 0;
  for (const SelfInspectionItem& it : framework_items(fw)) {
    auto f = by_item.find(it.code);
    if (f == by_item.end()) continue;
    SelfInspectionGap row;
    row.item = it.code;
    row.name = it.name;
    row.name_en = it.name_en;
    row.method = it.method;
    row.aspect = it.aspect;
    row.aspect_name = it.aspect_name;
    row.max_score = it.max_score;
    row.self_rate = f->second->self_rate;
    if (unit >= 0 && it.max_score > 0) {
      int index = scored->dataset.item_index(it.code);
      if (index >= 0) {
        const auto& score = scored->scores->item(unit, index);
        if (score.assessed) {
          row.measured_rate = score.score / it.max_score;
          row.gap = row.self_rate - *row.measured_rate;
          row.over_optimistic = over_optimistic(*row.gap);
          sum += *row.gap;
          ++g.compared;
          if (row.over_optimistic) ++g.over_optimistic_count;
        }
      }
    }
    g.items.push_back(std::move(row));
  }
  if (g.compared > 0) g.mean_gap = sum / g.compared;
  std::stable_sort(g.items.begin(), g.items.end(),
                   [](const SelfInspectionGap& a, const SelfInspectionGap& b) {
                     if (a.gap.has_value() != b.gap.has_value()) return a.gap.has_value();
                     if (a.gap && !nearly_equal(*a.gap, *b.gap)) return *a.gap > *b.gap;
                     return a.item < b.item;
                   });
  return g;
}

// The rate a self-assessment of `item` stands for (scoring.md §3.3–3.4 for expected values and grades).
double rate_of(const Framework& fw, const Item& item, const SelfAssessment& a) {
  if (!a.expected.empty()) {
    if (item.method == Method::statistic) {
      const char* begin = a.expected.c_str();
      char* end = nullptr;
      double v = std::strtod(begin, &end);
      if (end == begin || *end != '\0' || !std::isfinite(v)) {
        throw InvalidInput("expected", "the expected value is not a number",
                           message_key("self_inspection.expected.number"));
      }
      return scoring::statistic_fraction(item, v);
    }
    if (item.method == Method::material) {
      auto fraction = fw.grade_fraction(a.expected);
      if (!fraction) {
        throw InvalidInput("expected", "the framework's grade map has no grade " + a.expected,
                           message_key("self_inspection.expected.grade", {{"grade", a.expected}}));
      }
      return *fraction;
    }
    throw InvalidInput("expected", "only statistic and material items take an expected value or grade",
                       message_key("self_inspection.expected.method"));
  }
  if (!a.self_rate) {
    throw InvalidInput("self_rate", "give a self rate (or an expected value or grade)",
                       message_key("self_inspection.rate.required"));
  }
  if (!std::isfinite(*a.self_rate) || *a.self_rate < 0 || *a.self_rate > 1) {
    throw InvalidInput("self_rate", "the self rate is a number from 0 to 1",
                       message_key("self_inspection.rate.range"));
  }
  return *a.self_rate;
}

Conflict finished(const store::SelfInspectionRow& r) {
  return Conflict("self-inspection " + std::to_string(r.id) + " is finished and read-only", "state",
                  message_key("self_inspection.finished", {{"id", std::to_string(r.id)}}));
}

// One self-inspection as stored, its items, its period's framework and its gap table: what get() and
// gaps() both answer from (read in one lease, then scored outside it).
struct Compared {
  store::SelfInspectionRow row;
  std::vector<store::SelfInspectionItemRow> rows;
  Framework fw;
  SelfInspectionGaps gaps;
};

Compared compared(store::Database& db, EvaluationService& evaluation, const Principal& who, long long id) {
  Compared c;
  {
    auto lease = db.lease();
    c.row = load(*lease, who, id);
    c.rows = store::SelfInspectionRepository(*lease).items(id);
    c.fw = framework_of(*lease, c.row.period_id);
  }
  auto scored = evaluation.scores(who, c.row.period_code);
  c.gaps = compare(c.fw, c.rows, scored.get(), c.row.unit_code);
  return c;
}

}  // namespace

std::vector<SelfInspection> SelfInspectionService::list_all(const Principal& who,
                                                            const SelfInspectionFilter& f) {
  audit_.require(who, Permission::read_self_inspections);
  if (!f.state.empty() && f.state != "in_progress" && f.state != "finished") {
    throw InvalidInput("state", "state is in_progress or finished",
                       message_key("self_inspection.state.unknown", {{"state", f.state}}));
  }
  struct Loaded {
    store::SelfInspectionRow row;
    std::vector<store::SelfInspectionItemRow> items;
  };
  std::vector<Loaded> loaded;
  std::map<std::string, Framework> frameworks;  // by period code
  {
    auto lease = db_.lease();
    soci::session& sql = *lease;
    store::SelfInspectionRepository repo(sql);
    for (auto& r : repo.list(f.period, f.state)) {
      if (!who.in_scope(r.unit_path)) continue;
      if (!f.unit.empty() && r.unit_code != f.unit) continue;
      if (!f.q.empty() && r.unit_code.find(f.q) == std::string::npos &&
          r.unit_name.find(f.q) == std::string::npos)
        continue;
      if (!frameworks.count(r.period_code)) frameworks.emplace(r.period_code, framework_of(sql, r.period_id));
      auto items = repo.items(r.id);
      loaded.push_back({std::move(r), std::move(items)});
    }
  }
  // Scores outside the lease (the evaluation service leases its own connection).
  std::map<std::string, std::shared_ptr<const ScoredPeriod>> scored;
  std::vector<SelfInspection> out;
  for (const auto& l : loaded) {
    auto s = scored.find(l.row.period_code);
    if (s == scored.end())
      s = scored.emplace(l.row.period_code, evaluation_.scores(who, l.row.period_code)).first;
    const Framework& fw = frameworks.at(l.row.period_code);
    SelfInspectionGaps g = compare(fw, l.items, s->second.get(), l.row.unit_code);
    SelfInspection si = summary_of(l.row);
    si.items_filled = static_cast<int>(l.items.size());
    si.items_total = static_cast<int>(fw.items().size());
    si.mean_gap = g.mean_gap;
    si.over_optimistic_count = g.over_optimistic_count;
    out.push_back(std::move(si));
  }
  if (!out.empty()) {
    auto lease = db_.lease();
    PeopleNames names(*lease);
    for (auto& si : out) si.started_by_name = names.of(si.started_by);
  }
  return out;
}

Page<SelfInspection> SelfInspectionService::list(const Principal& who, const SelfInspectionFilter& f,
                                                 const PageRequest& page) {
  page.validate();
  auto all = list_all(who, f);
  Page<SelfInspection> out;
  out.total = static_cast<long long>(all.size());
  out.page = page.page;
  out.page_size = page.page_size;
  for (long long i = page.offset(); i < out.total && i < page.offset() + page.page_size; ++i)
    out.items.push_back(std::move(all[static_cast<size_t>(i)]));
  return out;
}

SelfInspection SelfInspectionService::get(const Principal& who, long long id) {
  audit_.require(who, Permission::read_self_inspections);
  auto [row, rows, fw, g] = compared(db_, evaluation_, who, id);
  SelfInspection s = summary_of(row);
  s.items = framework_items(fw);
  std::map<std::string, const store::SelfInspectionItemRow*> by_item;
  for (const auto& r : rows) by_item[r.item] = &r;
  for (auto& it : s.items) {
    auto f = by_item.find(it.code);
    if (f == by_item.end()) continue;
    it.filled = true;
    it.self_rate = f->second->self_rate;
    it.expected = f->second->expected;
    it.note = f->second->note;
    it.files = f->second->files;
    it.updated_at = f->second->updated_at;
    for (const auto& file : it.files) {
      std::string name;
      try {
        name = photos_.get(who, file).name;
      } catch (const NotFound&) {
      }
      it.file_names.push_back(name);
    }
  }
  for (const auto& entry : fw.grades) s.grades.push_back(entry.first);
  {
    auto lease = db_.lease();
    s.started_by_name = PeopleNames(*lease).of(s.started_by);
  }
  s.items_filled = static_cast<int>(rows.size());
  s.items_total = static_cast<int>(s.items.size());
  s.mean_gap = g.mean_gap;
  s.over_optimistic_count = g.over_optimistic_count;
  return s;
}

SelfInspectionGaps SelfInspectionService::gaps(const Principal& who, long long id) {
  audit_.require(who, Permission::read_self_inspections);
  auto c = compared(db_, evaluation_, who, id);
  SelfInspectionGaps g = std::move(c.gaps);
  const store::SelfInspectionRow& row = c.row;
  g.id = row.id;
  g.period = row.period_code;
  g.unit = row.unit_code;
  g.unit_name = row.unit_name;
  g.state = row.state;
  return g;
}

SelfInspection SelfInspectionService::start(const Principal& who, const std::string& period,
                                            const std::string& unit) {
  audit_.require(who, Permission::manage_self_inspections);
  if (period.empty())
    throw InvalidInput("period", "period is required", message_key("self_inspection.period.required"));
  long long id = db_.transact([&](soci::session& sql) {
    long long period_id = require_open_period(sql, period);
    auto u = store::UnitRepository(sql).find_by_code(unit);
    if (!u || !who.in_scope(*u)) {
      throw NotFound("unit " + unit + " not found",
                     message_key("self_inspection.unit.not_found", {{"unit", unit}}));
    }
    store::SelfInspectionRepository repo(sql);
    if (auto existing = repo.find_id(period_id, u->id)) {
      throw Conflict("the self-inspection of " + unit + " for " + period +
                         " already exists: " + std::to_string(*existing),
                     "unit", message_key("self_inspection.exists", {{"id", std::to_string(*existing)}}));
    }
    long long new_id = repo.insert(period_id, u->id, who.username, audit_.clock().now_ms());
    SelfInspection s = summary_of(*repo.find(new_id));
    audit_.record(sql, who,
                  {"self_inspection.start", "self_inspection", std::to_string(new_id), "", audit_json(s)});
    return new_id;
  });
  return get(who, id);
}

SelfInspection SelfInspectionService::set_item(const Principal& who, long long id, const std::string& item,
                                               const SelfAssessment& a) {
  audit_.require(who, Permission::manage_self_inspections);
  if (auto problem = text_problem(a.note, kLongText)) {
    throw InvalidInput("note", "the note is too long or holds characters it may not",
                       message_key("self_inspection.note.invalid", {{"problem", *problem}}));
  }
  if (a.files.size() > 20) {
    throw InvalidInput("files", "at most 20 files", message_key("self_inspection.files.too_many"));
  }
  db_.transact([&](soci::session& sql) {
    store::SelfInspectionRow row = load(sql, who, id);
    require_open_period(sql, row.period_code);
    if (row.state != "in_progress") throw finished(row);
    Framework fw = framework_of(sql, row.period_id);
    const Item* it = item_of(fw, item);
    if (!it) {
      throw NotFound("no item " + item + " in the period's framework",
                     message_key("self_inspection.item.unknown", {{"item", item}}));
    }
    store::SelfInspectionItemRow r;
    r.item = item;
    r.self_rate = rate_of(fw, *it, a);
    r.expected = a.expected;
    r.note = a.note;
    r.files = a.files;
    r.updated_at = audit_.clock().now_ms();
    photos_.require_existing(sql, a.files, "files");
    store::SelfInspectionRepository repo(sql);
    std::string before;
    for (const auto& old : repo.items(id))
      if (old.item == item) before = item_json(old);
    repo.put_item(id, r);
    audit_.record(sql, who,
                  {"self_inspection.item", "self_inspection", std::to_string(id), before, item_json(r)});
  });
  return get(who, id);
}

SelfInspection SelfInspectionService::finish(const Principal& who, long long id) {
  audit_.require(who, Permission::manage_self_inspections);
  db_.transact([&](soci::session& sql) {
    store::SelfInspectionRow row = load(sql, who, id);
    require_open_period(sql, row.period_code);
    if (row.state != "in_progress") throw finished(row);
    store::SelfInspectionRepository repo(sql);
    int filled = static_cast<int>(repo.items(id).size());
    if (filled == 0) {
      throw Conflict("self-inspection " + std::to_string(id) + " has no item filled in yet", "items",
                     message_key("self_inspection.empty", {{"id", std::to_string(id)}}));
    }
    SelfInspection before = summary_of(row);
    before.items_filled = filled;
    repo.finish(id, audit_.clock().now_ms());
    SelfInspection after = summary_of(*repo.find(id));
    after.items_filled = filled;
    audit_.record(sql, who,
                  {"self_inspection.finish", "self_inspection", std::to_string(id), audit_json(before),
                   audit_json(after)});
  });
  return get(who, id);
}

}  // namespace civic::service
