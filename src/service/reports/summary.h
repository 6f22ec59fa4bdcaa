// The half-year work summary (工作总结, reports.md): every figure it shows, gathered from the services
// that own them (EvaluationService scores and ranks, CaseService measures, PlanService progress and lagging
// items, StatisticService values, SelfInspectionService gaps), and the shipped template that lays them out
// in the seed's shape: opening (时间过半、任务过半), 一 organisation and mechanisms, 二 framework results
// with (一) environment and order, (二) economy, (三) participation and publicity, 三 problems and next
// steps. The office's prose (paragraphs with {{figure}} placeholders) is kept per section key; the template
// supplies the default prose and every table and chart. Nothing here reads the database itself.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/reports/document.h"
#include "service/cases/case_service.h"
#include "service/core/principal.h"
#include "service/evaluation/evaluation_service.h"
#include "service/evaluation/statistic_service.h"
#include "service/plans/plan_service.h"
#include "service/self_inspections/self_inspection_service.h"
#include "service/units/unit_service.h"

namespace civic::service {

// The services a summary reads.
struct ReportSources {
  EvaluationService& evaluation;
  UnitService& units;
  PlanService& plans;
  CaseService& cases;
  StatisticService& statistics;
  SelfInspectionService& self_inspections;
};

// Everything one summary shows for a unit and period, before the prose.
struct SummaryData {
  std::string unit, unit_name, period, period_name, period_start, period_end;
  std::string date;        // YYYY-MM-DD the document is dated: the period's end
  long long revision = 0;  // the evaluation revision the scores are current for
  reports::Figures figures;
  std::map<std::string, reports::Table> tables;       // by key: ranking, aspects, weak_items, …
  std::map<std::string, reports::Chart> charts;       // radar, trend, case_flow
  std::vector<std::string> weakest, lagging, behind;  // problem lines for the last section
};

// Section key → the office's paragraphs (placeholders unfilled).
using Prose = std::map<std::string, std::vector<std::string>>;

// read_scores for `unit` (NotFound outside scope) and `period`; the other sources are read as far as the
// caller may (a unit without a plan has no plan figures: they are null).
SummaryData gather_summary(ReportSources& sources, const Principal& who, const std::string& unit,
                           const std::string& period);

// The shipped template's sections in order: (key, level, title).
struct SectionSpec {
  std::string key;
  int level = 1;
  std::string title;
};
const std::vector<SectionSpec>& summary_sections();
// The template's default paragraphs for every section.
Prose default_summary_prose();

// The document: `prose` (missing keys take the default) filled from data.figures, then each section's
// tables, charts and generated lines. `footer` goes on every page.
reports::Document build_summary(const SummaryData& data, const Prose& prose, const std::string& footer);

// sha256 (hex) over the figures and tables in a canonical text form: equal data, equal hash.
std::string summary_sha256(const SummaryData& data);

// {"name": value} with numbers as numbers (null when unavailable) and text figures as strings.
std::string figures_json_text(const reports::Figures& figures);

}  // namespace civic::service
