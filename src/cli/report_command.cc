// `civic report --unit HM --period 2026H1 [--template summary] --format pdf|docx|xlsx|html --out FILE
// [--figures]` (reports.md): the work summary of the unit and period built from the database as the API
// builds a fresh draft (the template's prose), written to FILE; with --figures, every figure it shows is
// printed on stdout as JSON {"figures": {name: value}, "fingerprint": {"revision", "sha256"}}.
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/storage_options.h"
#include "domain/core/error.h"
#include "service/core/json_text.h"
#include "service/core/services.h"
#include "service/reports/render/render.h"
#include "service/reports/summary.h"
#include "store/core/migrations.h"

namespace civic::cli {
namespace {

struct ReportOptions {
  StorageOptions storage;
  std::string unit, period, template_name = "summary", format = "pdf", out;
  bool figures = false;
};

void run_report(const ReportOptions& o) {
  if (o.out.empty() && !o.figures) throw InvalidInput("--out", "give --out FILE, --figures or both");
  auto db = store::Database::open(o.storage.database_url());
  store::check_schema(*db);
  SystemClock clock;
  service::Services services(*db, clock);
  // Whatever the services record goes into the audit chain with its MAC, as every command's records do.
  services.audit.set_anchor(o.storage.audit_anchor());
  const auto cli = service::Principal::cli();
  service::ReportSources sources{services.evaluation, services.units,      services.plans,
                                 services.cases,      services.statistics, services.self_inspections};
  service::SummaryData data;
  try {
    data = service::gather_summary(sources, cli, o.unit, o.period);
  } catch (const NotFound& e) {
    throw InvalidInput("--unit", e.what());
  }
  std::string sha = service::summary_sha256(data);
  std::string footer = "数据指纹 revision " + std::to_string(data.revision) + " · sha256 " + sha;
  if (!o.out.empty()) {
    auto doc = service::build_summary(data, service::default_summary_prose(), footer);
    auto file = service::render::render_document(doc, data.figures, o.format);
    std::ofstream f(o.out, std::ios::binary | std::ios::trunc);
    f.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
    if (!f) throw std::runtime_error("cannot write " + o.out);
  }
  if (o.figures) {
    std::cout << "{\"figures\": " << service::figures_json_text(data.figures)
              << ", \"fingerprint\": {\"revision\": " << data.revision
              << ", \"sha256\": " << service::json_quote(sha) << "}}\n";
  }
}

}  // namespace

void add_report_command(CLI::App& app) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand("report", "生成工作总结 Generate a unit's work summary (reports.md)");
  add_storage_options(*cmd, options->storage);
  cmd->add_option("--unit", options->unit, "Unit code, e.g. HM")->required();
  cmd->add_option("--period", options->period, "Period code, e.g. 2026H1")->required();
  cmd->add_option("--template", options->template_name,
                  "Report template (summary: the half-year work summary)")
      ->check(CLI::IsMember({"summary"}));
  cmd->add_option("--format", options->format, "pdf (default), docx, xlsx or html")
      ->check(CLI::IsMember({"pdf", "docx", "xlsx", "html"}));
  cmd->add_option("--out", options->out, "File to write the document to");
  cmd->add_flag("--figures", options->figures, "Print every figure the document shows as JSON on stdout");
  cmd->callback([options] { run_report(*options); });
}

}  // namespace civic::cli
