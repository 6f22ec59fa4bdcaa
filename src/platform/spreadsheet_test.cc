// XLSX reading within bounds (every bomb the tester built is refused with a 400 naming the bound, without
// the process growing), the zip directory check, and writing text that looks like a formula as a string.
#include "platform/spreadsheet.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "domain/core/error.h"
#include "platform/test_workbooks.h"
#include "platform/zip_directory.h"

namespace civic::platform {
namespace {

using namespace civic::testing;

// VmHWM and VmRSS of this process in KiB.
long status_kib(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

// Runs `f` and returns how far the peak resident size rose above the size before it, in MiB.
template <typename F>
long peak_growth_mib(F f) {
  { std::ofstream("/proc/self/clear_refs") << "5"; }  // resets VmHWM to the current RSS
  long before = status_kib("VmRSS");
  f();
  return (status_kib("VmHWM") - before) / 1024;
}

// The message key of the InvalidInput `f` throws ("" when it throws none).
template <typename F>
std::string refusal_key(F f) {
  try {
    f();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "file");
    return e.key().key;
  }
  return "";
}

std::string limit_arg(const InvalidInput& e) {
  for (const auto& [name, value] : e.key().args) {
    if (name == "limit") return value;
  }
  return "";
}

TEST(Spreadsheet, ReadsSharedStringNumberAndBooleanCellsOfTheFirstSheet) {
  std::string rows =
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c></row>)"
      R"(<row r="3"><c r="B3"><v>2.5</v></c><c r="C3" t="s"><v>1</v></c><c r="D3" t="b"><v>1</v></c></row>)";
  Cells cells = read_xlsx(workbook_with(
      rows, "<si><t>任务编号</t></si><si><r><t>甲</t></r><r><t>乙</t></r></si><si><t>权重</t></si>"));
  EXPECT_EQ(cells, (Cells{{"任务编号", "权重", "", ""}, {"", "", "", ""}, {"", "2.5", "甲乙", "1"}}));
}

TEST(Spreadsheet, WritesEveryCellAsTextEvenWhenItLooksLikeAFormula) {
  const std::string title = R"(=HYPERLINK("http://x","y"))";
  std::string xlsx = write_xlsx({{"任务内容", "权重"}, {title, "-1"}}, "表");
  std::string sheet = inflate_entry(xlsx, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty());
  EXPECT_EQ(sheet.find("<f>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find(R"(t="s")"), std::string::npos) << sheet;
  // Formula cells read back empty: the title comes back, so it is a string cell.
  EXPECT_EQ(read_xlsx(xlsx), (Cells{{"任务内容", "权重"}, {title, "-1"}}));
}

TEST(Spreadsheet, OneCellAtTheLastAddressIsRefusedByTheRowBoundWithoutGrowing) {
  std::string xlsx = workbook_with(one_cell_row(1048576, "XFD1048576", "1"));
  ASSERT_LT(xlsx.size(), 4096u);
  long growth = peak_growth_mib([&] {
    try {
      read_xlsx(xlsx);
      ADD_FAILURE() << "read";
    } catch (const InvalidInput& e) {
      EXPECT_EQ(e.key().key, "table.rows.too_many");
      EXPECT_EQ(limit_arg(e), std::to_string(kTableLimits.max_rows));
    }
  });
  EXPECT_LT(growth, 200);
}

TEST(Spreadsheet, OneCellFarRightIsRefusedByTheColumnBoundWithoutGrowing) {
  // Row 20,000 column 1,000 (ALL): the tester's 620 MB that stayed after the request.
  std::string xlsx = workbook_with(one_cell_row(19999, "ALL19999", "1"));
  long growth =
      peak_growth_mib([&] { EXPECT_EQ(refusal_key([&] { read_xlsx(xlsx); }), "table.columns.too_many"); });
  EXPECT_LT(growth, 200);
  EXPECT_EQ(refusal_key([&] { read_xlsx(workbook_with(one_cell_row(20001, "A20001", "1"))); }),
            "table.rows.too_many");
}

TEST(Spreadsheet, ADeflateBombIsRefusedFromTheDirectoryBeforeInflating) {
  std::string xlsx = deflate_bomb_workbook(1536ull << 20);  // 1.5 GiB of <row/>
  ASSERT_LT(xlsx.size(), 3u << 20);
  long growth = peak_growth_mib([&] {
    try {
      read_xlsx(xlsx);
      ADD_FAILURE() << "read";
    } catch (const InvalidInput& e) {
      EXPECT_EQ(e.key().key, "table.file.inflated_too_large");
      EXPECT_EQ(limit_arg(e), std::to_string(kTableLimits.max_inflated_bytes));
    }
  });
  EXPECT_LT(growth, 200);
}

TEST(Spreadsheet, AHighlyCompressedPartUnderTheSizeBoundIsRefusedByTheRatio) {
  std::string xlsx = deflate_bomb_workbook(16u << 20);
  EXPECT_EQ(refusal_key([&] { read_xlsx(xlsx); }), "table.file.compression_ratio");
}

TEST(Spreadsheet, SizesDeclaredSmallerThanTheDataDoNotLetItInflate) {
  auto parts = workbook_parts(false);
  TestZipEntry sheet =
      deflated_entry("xl/worksheets/sheet1.xml", kSheetHead, "<row/>", (256u << 20) / 6, kSheetTail);
  sheet.uncompressed_size = 4096;  // a lie in both headers
  parts.push_back(sheet);
  std::string xlsx = zip_archive(parts);
  long growth = peak_growth_mib([&] { EXPECT_NE(refusal_key([&] { read_xlsx(xlsx); }), ""); });
  EXPECT_LT(growth, 200);
}

TEST(Spreadsheet, CellsAndSharedStringsAreCountedAsTheyArrive) {
  TableLimits small;
  small.max_cells = 3;
  std::string rows;
  for (int r = 1; r <= 4; ++r) rows += one_cell_row(r, "A" + std::to_string(r), "1");
  EXPECT_EQ(refusal_key([&] { read_xlsx(workbook_with(rows), small); }), "table.cells.too_many");
  EXPECT_EQ(refusal_key([&] {
              read_xlsx(workbook_with(one_cell_row(1, "A1"),
                                      "<si><t>a</t></si><si><t>b</t></si>"
                                      "<si><t>c</t></si><si><t>d</t></si>"),
                        small);
            }),
            "table.cells.too_many");
  // Empty cells (styled, no value) count for nothing.
  std::string styled =
      R"(<row r="1"><c r="A1" s="1"/><c r="B1" s="1"/><c r="C1" s="1"/><c r="D1"><v>7</v></c></row>)";
  EXPECT_EQ(read_xlsx(workbook_with(styled), small), (Cells{{"", "", "", "7"}}));
}

TEST(ZipDirectory, TooManyEntriesAndBrokenArchivesAreRefused) {
  TableLimits small;
  small.max_zip_entries = 3;
  EXPECT_EQ(refusal_key([&] { check_workbook_zip(workbook_with(one_cell_row(1, "A1", "1")), small); }),
            "table.file.too_many_entries");
  EXPECT_EQ(refusal_key([&] { read_xlsx("PK\x03\x04 not really a zip"); }), "table.file.unreadable");
  std::string xlsx = workbook_with(one_cell_row(1, "A1", "1"));
  EXPECT_EQ(read_zip_directory(xlsx).size(), 5u);
  // A local header that disagrees with the directory.
  std::string tampered = xlsx;
  tampered[22] = static_cast<char>(tampered[22] + 1);  // first entry's uncompressed size, local header
  EXPECT_EQ(refusal_key([&] { read_xlsx(tampered); }), "table.file.unreadable");
}

}  // namespace
}  // namespace civic::platform
