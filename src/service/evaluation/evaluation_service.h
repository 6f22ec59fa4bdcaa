// EvaluationService: frameworks, periods and evidence in the database, and the scores computed from them
// (scoring.md, bundle.md). A bundle is imported all or nothing: every bundle.md rule is checked by the
// reader, then every rule against what the database already holds (an existing unit under another parent,
// a period frozen with another framework version, an inspection code already imported …), each error
// naming the bundle's JSON path; nothing is written unless all pass. A framework whose content changed is
// stored as a new version; periods keep the version they were created with.
// Scores come from the same engine as `civic score --bundle`, over the period's data loaded from the
// database; the scored period is cached per process and reused while the evaluation revision (a counter
// in the database bumped by every change) is unchanged, so several servers on one database stay right.
// When only new inspections and responses came (the structure revision is unchanged), the next read
// loads just the rows past the cached period's watermarks and adds them to a copy of it (only the
// affected units are rescored); readers holding the old one keep it. Anything else reloads the period.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "bundle/bundle.h"
#include "scoring/dataset.h"
#include "scoring/period_scores.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "store/core/database.h"
#include "store/core/session.h"
#include "store/evaluation/evaluation_repository.h"

namespace civic::service {

struct ImportSummary {
  std::string framework_code;
  int framework_version = 0;
  bool framework_created = false;  // false: the same content was already stored
  std::vector<std::string> periods;
  int units_created = 0, sites_created = 0, inspections = 0, responses = 0, statistics = 0, grades = 0,
      penalties = 0;
};

// A campaign period (测评周期) and the framework version it is scored with.
struct Period {
  std::string code;
  std::string start, end;  // YYYY-MM-DD
  std::string framework_code;
  int framework_version = 0;
  std::string name;
  std::string state = "open";  // "open" | "closed" (a closed period is scored from its snapshot)
  std::optional<TimeMs> closed_at;
  std::optional<std::string> closed_by;
};

// The service view of a period row.
Period period_of(const store::PeriodRow& row);

// One stored version of a framework.
struct FrameworkVersion {
  std::string code;
  int version = 0;
  std::string name;
};

// One period scored for every unit, with the data it was scored from.
struct ScoredPeriod {
  scoring::ScoringDataset dataset;
  std::unique_ptr<scoring::PeriodScores> scores;
  std::map<std::string, int> unit_index;  // unit code → index in the dataset
  std::vector<std::string> unit_path;     // by unit index: the unit's materialized path
  store::PeriodRow period;
  store::FrameworkRow framework;
  long long revision = 0;  // evaluation revisions it is current for
  long long structure_revision = 0;
  // The highest inspection and response row ids of the period it holds: greater ones are new evidence.
  long long inspection_watermark = 0, response_watermark = 0;
  // Built from its predecessor by adding new evidence rather than loaded; rows added that way since the
  // last full load.
  bool loaded_incrementally = false;
  long long rows_added = 0;
  // The unit's dataset index; NotFound when the unit is unknown or outside `who`'s scope.
  int unit(const Principal& who, const std::string& code) const;
};

class EvaluationService {
 public:
  EvaluationService(store::Database& db, AuditService& audit) : db_(db), audit_(audit) {}

  // Imports a validated bundle (office: import_evidence). Throws InvalidInput naming the JSON path.
  ImportSummary import_bundle(const Principal& who, const bundle::Bundle& bundle);

  // The period's framework, units, sites and evidence as a bundle that re-imports to identical scores.
  bundle::Bundle export_period(const Principal& who, const std::string& period_code);

  // Every unit scored for the period (read_scores). Units outside `who`'s scope are still computed (a
  // district is ranked among its siblings) but ScoredPeriod::unit refuses them.
  std::shared_ptr<const ScoredPeriod> scores(const Principal& who, const std::string& period_code);
  // Records that `who` downloaded the score table of `unit` for `period` ("score.export", `rows` rows);
  // the caller has passed scores() and ScoredPeriod::unit for them.
  void record_score_export(const Principal& who, const std::string& unit, const std::string& period,
                           long long rows);

  // Frameworks (read_framework): the newest version of each, and one as a Framework by code (newest)
  // or by code and version.
  std::vector<FrameworkVersion> frameworks(const Principal& who);
  Framework framework(const Principal& who, const std::string& code, std::optional<int> version = {});
  std::vector<Period> periods(const Principal& who);

  // What the period's scores read from the database now (its counted evidence), as a civic-bundle/1
  // document: the snapshot a closing keeps. Inside the caller's transaction.
  std::string counted_evidence_document(store::Session& sql, const store::PeriodRow& period);

 private:
  std::shared_ptr<const ScoredPeriod> load_and_score(const store::PeriodRow& period,
                                                     const store::EvaluationRepository::Revision& revision);
  // `cached` plus the evidence rows past its watermarks, as a new ScoredPeriod; null when that is not
  // possible (evidence of a site or unit it does not know, or too many rows to add one by one).
  std::shared_ptr<const ScoredPeriod> add_new_evidence(const ScoredPeriod& cached,
                                                       const store::EvaluationRepository::Revision& revision);
  // `inspection_max`/`response_max`, when given, receive the highest row ids loaded.
  bundle::Bundle load_period(store::Session& sql, const store::PeriodRow& period,
                             long long* inspection_max = nullptr, long long* response_max = nullptr);

  store::Database& db_;
  AuditService& audit_;
  std::mutex cache_mutex_;
  std::map<std::string, std::shared_ptr<const ScoredPeriod>> cache_;  // by period code
};

}  // namespace civic::service
