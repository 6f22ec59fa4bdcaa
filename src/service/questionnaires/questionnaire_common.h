// What the questionnaire services share (internal to src/service/questionnaires/): loading a questionnaire
// with its scope check, the frozen versions (parsed once: versions never change), unit paths, the survey
// items of the framework in force, the errors every service raises.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"
#include "domain/questionnaires/questionnaire.h"
#include "service/core/principal.h"
#include "store/core/session.h"
#include "store/questionnaires/questionnaire_repository.h"

namespace civic::service::questionnaire_detail {

[[noreturn]] void not_found(const std::string& code);
[[noreturn]] void closed(const std::string& code);

// Whether the scope of `who` and the scope of one of `units` overlap (one holds the other).
bool overlaps(store::Session& sql, const Principal& who, const std::vector<std::string>& units);

// The row, or NotFound when missing or when `who` (nullptr: the public) sees none of its units.
store::QuestionnaireRow load(store::Session& sql, const Principal* who, const std::string& code,
                             bool lock = false);

// Version `version` of questionnaire `id`, parsed (cached per process).
std::shared_ptr<const QuestionnaireDefinition> version_definition(store::Session& sql, long long id,
                                                                  int version);
// The definition shown: the open draft, else the latest published version.
QuestionnaireDefinition current_definition(store::Session& sql, const store::QuestionnaireRow& row);

// code → path of the given units that exist.
std::map<std::string, std::string> unit_paths(store::Session& sql, const std::vector<std::string>& codes);
// Every unit: code → path.
std::map<std::string, std::string> all_unit_paths(store::Session& sql);

// item code → question code, of the survey items of the framework in force at `now`.
std::map<std::string, std::string> survey_items(store::Session& sql, TimeMs now);
// item code → positive answers, same framework.
std::map<std::string, std::vector<std::string>> survey_positives(store::Session& sql, TimeMs now);

// The quota a response falls in (the first matching), as its canonical key "unit=HG;type=resident"; nullopt
// when none matches. `quota_paths`: code → path of the quotas' units.
struct QuotaMatch {
  size_t index = 0;
  std::string key;
};
std::string quota_key(const QnQuota& quota);
std::optional<QuotaMatch> match_quota(const QuestionnaireDefinition& d,
                                      const std::map<std::string, std::string>& quota_paths,
                                      const std::string& unit_path,
                                      const std::map<std::string, std::string>& attributes);

}  // namespace civic::service::questionnaire_detail
