#include "service/questionnaires/questionnaire_common.h"

#include <soci/soci.h>

#include <algorithm>
#include <mutex>

#include "bundle/framework_document.h"
#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "service/questionnaires/definition_json.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service::questionnaire_detail {

void not_found(const std::string& code) {
  throw NotFound("no questionnaire " + code, message_key("questionnaire.not_found", {{"code", code}}));
}

void closed(const std::string& code) {
  throw Conflict("questionnaire " + code + " is closed", "questionnaire",
                 message_key("questionnaire.closed", {{"code", code}}));
}

bool overlaps(store::Session& sql, const Principal& who, const std::vector<std::string>& units) {
  if (who.is_cli) return true;
  for (const auto& [code, path] : unit_paths(sql, units)) {
    if (path_in_scope(who.unit_path, path) || path_in_scope(path, who.unit_path)) return true;
  }
  return false;
}

store::QuestionnaireRow load(store::Session& sql, const Principal* who, const std::string& code, bool lock) {
  store::QuestionnaireRepository repo(sql);
  auto row = lock ? repo.lock(code) : repo.find(code);
  if (!row) not_found(code);
  if (who && !who->is_cli) {
    QuestionnaireDefinition d = current_definition(sql, *row);
    if (!overlaps(sql, *who, d.units)) not_found(code);
  }
  return *row;
}

std::shared_ptr<const QuestionnaireDefinition> version_definition(store::Session& sql, long long id,
                                                                  int version) {
  static std::mutex mutex;
  static std::map<std::pair<long long, int>,
                  std::pair<std::string, std::shared_ptr<const QuestionnaireDefinition>>>
      cache;
  // Keyed by the row id too: a new database (tests) reuses ids, so the definition text is compared.
  auto row = store::QuestionnaireRepository(sql).version(id, version);
  if (!row) return nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find({id, version});
    if (it != cache.end() && it->second.first == row->definition) return it->second.second;
  }
  auto parsed = std::make_shared<const QuestionnaireDefinition>(definition_from_text(row->definition));
  std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() > 1000) cache.clear();
  cache[{id, version}] = {row->definition, parsed};
  return parsed;
}

QuestionnaireDefinition current_definition(store::Session& sql, const store::QuestionnaireRow& row) {
  if (!row.draft.empty()) return definition_from_text(row.draft);
  auto v = version_definition(sql, row.id, row.published_version);
  return v ? *v : QuestionnaireDefinition{};
}

std::map<std::string, std::string> unit_paths(store::Session& sql, const std::vector<std::string>& codes) {
  std::map<std::string, std::string> out;
  store::UnitRepository units(sql);
  for (const auto& c : codes) {
    if (out.count(c)) continue;
    if (auto u = units.find_by_code(c)) out[c] = u->path;
  }
  return out;
}

std::map<std::string, std::string> all_unit_paths(store::Session& sql) {
  std::map<std::string, std::string> out;
  store::UnitRepository units(sql);
  if (auto root = units.root())
    for (const Unit& u : units.subtree(root->path)) out[u.code] = u.path;
  return out;
}

namespace {

std::optional<Framework> framework_in_force(store::Session& sql, TimeMs now) {
  store::EvaluationRepository repo(sql);
  std::string today = to_iso(civil_date_of(now));
  std::optional<store::PeriodRow> chosen;
  for (const auto& p : repo.list_periods()) {
    if (p.start <= today && today <= p.end) {
      chosen = p;
      break;
    }
    if (p.start <= today && (!chosen || p.start > chosen->start)) chosen = p;
  }
  if (chosen) {
    if (auto fw = repo.framework_by_id(chosen->framework_id))
      return bundle::read_framework_document(fw->document);
  }
  auto latest = repo.list_latest_frameworks();
  if (latest.empty()) return std::nullopt;
  if (auto fw = repo.latest_framework(latest.back().code))
    return bundle::read_framework_document(fw->document);
  return std::nullopt;
}

}  // namespace

std::map<std::string, std::string> survey_items(store::Session& sql, TimeMs now) {
  std::map<std::string, std::string> out;
  if (auto fw = framework_in_force(sql, now))
    for (const Item* it : fw->items())
      if (it->method == Method::survey) out[it->code] = it->question;
  return out;
}

std::map<std::string, std::vector<std::string>> survey_positives(store::Session& sql, TimeMs now) {
  std::map<std::string, std::vector<std::string>> out;
  if (auto fw = framework_in_force(sql, now))
    for (const Item* it : fw->items())
      if (it->method == Method::survey) out[it->code] = it->positive;
  return out;
}

std::string quota_key(const QnQuota& quota) {
  std::vector<std::pair<std::string, std::string>> s = quota.stratum;
  std::sort(s.begin(), s.end(), [](const auto& a, const auto& b) {
    if ((a.first == "unit") != (b.first == "unit")) return a.first == "unit";
    return a.first < b.first;
  });
  std::string key;
  for (const auto& [k, v] : s) key += (key.empty() ? "" : ";") + k + "=" + v;
  return key;
}

std::optional<QuotaMatch> match_quota(const QuestionnaireDefinition& d,
                                      const std::map<std::string, std::string>& quota_paths,
                                      const std::string& unit_path,
                                      const std::map<std::string, std::string>& attributes) {
  for (size_t i = 0; i < d.quotas.size(); ++i) {
    auto p = quota_paths.find(d.quotas[i].unit());
    if (p == quota_paths.end()) continue;
    if (quota_matches(d.quotas[i], p->second, unit_path, attributes))
      return QuotaMatch{i, quota_key(d.quotas[i])};
  }
  return std::nullopt;
}

}  // namespace civic::service::questionnaire_detail
