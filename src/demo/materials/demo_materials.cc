// Demo step "materials" (after "evaluation"): 2026H2's material submissions through the workflow (材料申报 /
// 材料审核), beside the half of the period's grades the evaluation step imported. For a handful of material
// items and the units that had nothing yet: some graded A/B/C (one regraded after a complaint, so its grade
// history has two rows), some submitted and awaiting a grade, some sent back (补充材料, with the reason) and
// not resubmitted; every other unit stays missing on the status board. Each submission carries a real PDF
// from the file store. The materials deadline is stored as the later of the default (the period's end minus
// 15 days) and today, so building the demo later still submits.
#include <algorithm>
#include <string>
#include <vector>

#include "demo/core/demo_city.h"
#include "domain/core/civil_date.h"
#include "domain/core/civil_time.h"
#include "service/materials/material_deadline.h"

namespace civic::demo {

namespace {

constexpr const char* kPeriod = "2026H2";
constexpr const char* kDefaultDeadline = "2026-12-16";

struct Outcome {
  const char* state;   // graded, regraded, submitted, returned
  const char* grade;   // graded: the grade; regraded: the first grade
  const char* second;  // regraded: the grade after the complaint
  const char* text;    // the reviewer's comment or the reason for sending it back
};

const Outcome kOutcomes[] = {
    {"graded", "A", "", "材料齐全，台账规范"},
    {"graded", "B", "", "基本齐全，部分佐证材料缺少日期"},
    {"graded", "C", "", "佐证材料不足，制度未见落实记录"},
    {"regraded", "C", "B", "复核后补认会议纪要，调整为 B"},
    {"submitted", "", "", ""},
    {"submitted", "", "", ""},
    {"submitted", "", "", ""},
    {"returned", "", "", "缺少会议纪要和签到表，请补充后重新提交"},
    {"returned", "", "", "照片无拍摄时间和地点，请补充原始照片"},
};

// A small real PDF naming what it documents (distinct bytes per submission, so distinct file ids).
std::string pdf_about(const std::string& item, const std::string& unit) {
  return "%PDF-1.4\n% Civic demo material " + item + " " + unit +
         "\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
}

}  // namespace

void build_demo_materials(DemoContext& c) {
  auto& s = c.services;
  std::string today = to_iso(civil_date_of(s.clock.now_ms()));
  std::string due = std::max<std::string>(kDefaultDeadline, today);
  service::set_material_deadline(s.db, s.audit, c.actor, kPeriod, due);

  int counts[4] = {0, 0, 0, 0};  // graded (with the regraded one), submitted, returned, left missing
  size_t next = 0;
  int spread = 0;
  auto board = s.materials.status(c.actor, kPeriod);
  for (const auto& row : board) {
    if (next == std::size(kOutcomes) || row.missing.empty()) continue;
    const Outcome& o = kOutcomes[next++];
    // Spread the submissions over the units that have nothing for the item yet.
    const std::string& unit = row.missing[static_cast<size_t>(spread++) % row.missing.size()];
    auto file = s.photos.add_file(c.actor, pdf_about(row.item, unit), row.item + " " + row.name + ".pdf");
    auto m = s.materials.create(
        c.actor, {kPeriod, row.item, unit, row.name + "：工作方案、会议纪要与台账", {file.id}});
    m = s.materials.submit(c.actor, m.id);
    std::string state = o.state;
    if (state == "graded" || state == "regraded") {
      m = s.materials.grade(c.actor, m.id, o.grade, state == "graded" ? o.text : "初审");
      if (state == "regraded") s.materials.grade(c.actor, m.id, o.second, o.text);
      ++counts[0];
    } else if (state == "returned") {
      s.materials.send_back(c.actor, m.id, o.text);
      ++counts[2];
    } else {
      ++counts[1];
    }
  }
  for (const auto& row : s.materials.status(c.actor, kPeriod))
    counts[3] += static_cast<int>(row.missing.size());
  c.out << "  materials " << kPeriod << ": " << counts[0] << " graded (one regraded), " << counts[1]
        << " awaiting a grade, " << counts[2] << " sent back, " << counts[3]
        << " item × unit missing; deadline " << due << "\n";
}

}  // namespace civic::demo
