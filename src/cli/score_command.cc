// `civic score [--bundle FILE] --unit CODE --period CODE [--weak-threshold 0.85] [--format json|table]`
// (bundle.md "Scoring a bundle"): with --bundle, validates the whole bundle, scores every unit for the
// period in one pass and prints the chosen unit's result on stdout; without it, scores the database
// (--data/--db) the same way the API does. Errors go to stderr through run().
#include <iostream>
#include <memory>

#include "bundle/bundle_dataset.h"
#include "bundle/bundle_reader.h"
#include "bundle/score_report.h"
#include "cli/commands.h"
#include "cli/storage_options.h"
#include "domain/core/error.h"
#include "json/json_text.h"
#include "scoring/period_scores.h"
#include "service/core/services.h"
#include "store/core/migrations.h"

namespace civic::cli {
namespace {

struct ScoreOptions {
  StorageOptions storage;
  std::string bundle;
  std::string unit;
  std::string period;
  double weak_threshold = 0.85;
  std::string format = "json";
};

void print(const scoring::PeriodScores& scores, int unit, const ScoreOptions& o) {
  if (o.format == "table")
    std::cout << bundle::score_report_table(scores, unit, o.weak_threshold);
  else
    std::cout << to_json_text(bundle::score_report_json(scores, unit, o.weak_threshold)) << "\n";
}

void score_database(const ScoreOptions& o) {
  auto db = store::Database::open(o.storage.database_url());
  store::check_schema(*db);
  SystemClock clock;
  service::Services services(*db, clock);
  services.audit.set_anchor(o.storage.audit_anchor());
  const auto cli = service::Principal::cli();
  std::shared_ptr<const service::ScoredPeriod> scored;
  try {
    scored = services.evaluation.scores(cli, o.period);
  } catch (const NotFound& e) {
    throw InvalidInput("--period", e.what());
  }
  int unit = 0;
  try {
    unit = scored->unit(cli, o.unit);
  } catch (const NotFound& e) {
    throw InvalidInput("--unit", e.what());
  }
  print(*scored->scores, unit, o);
}

void run_score(const ScoreOptions& o) {
  if (o.bundle.empty()) return score_database(o);
  const bundle::Bundle b = bundle::read_bundle_file(o.bundle);
  const scoring::ScoringDataset data = bundle::build_dataset(b);
  const int unit = data.unit_index(o.unit);
  if (unit < 0) throw InvalidInput("--unit", "unknown unit \"" + o.unit + "\" (not in the bundle)");
  const int period = data.period_index(o.period);
  if (period < 0) throw InvalidInput("--period", "unknown period \"" + o.period + "\" (not in the bundle)");
  print(scoring::PeriodScores(data, period), unit, o);
}

}  // namespace

void add_score_command(CLI::App& app) {
  auto options = std::make_shared<ScoreOptions>();
  CLI::App* cmd = app.add_subcommand("score", "计算得分 Score a unit for a period (scoring.md)");
  add_storage_options(*cmd, options->storage);
  cmd->add_option(
      "--bundle", options->bundle,
      "civic-bundle/1 JSON file to score (no database needed); without it, the database is scored");
  cmd->add_option("--unit", options->unit, "Unit code, e.g. C")->required();
  cmd->add_option("--period", options->period, "Period code, e.g. 2026H1")->required();
  cmd->add_option("--weak-threshold", options->weak_threshold,
                  "Items below this rate are weak (default 0.85)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--format", options->format, "json (default) or table")
      ->check(CLI::IsMember({"json", "table"}));
  cmd->callback([options] { run_score(*options); });
}

}  // namespace civic::cli
