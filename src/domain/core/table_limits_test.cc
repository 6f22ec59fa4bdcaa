// The table bounds as both CSV readers apply them (the sites table and the task breakdown table): rows,
// columns and fields are counted as they are read, and the refusal names the bound and its value.
#include "domain/core/table_limits.h"

#include <gtest/gtest.h>

#include "domain/core/error.h"
#include "domain/plans/task_table.h"
#include "domain/sites/site_table.h"

namespace civic {
namespace {

TableLimits small() {
  TableLimits l;
  l.max_rows = 3;
  l.max_columns = 2;
  l.max_cells = 5;
  return l;
}

template <typename F>
MessageKey refusal(F f) {
  try {
    f();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "file");
    return e.key();
  }
  ADD_FAILURE() << "no refusal";
  return {};
}

TEST(TableLimits, BothCsvReadersCountRowsColumnsAndCells) {
  for (auto read : {+[](std::string_view t, const TableLimits&l) { return parse_csv(t, l); },
                    +[](std::string_view t, const TableLimits&l) { return split_csv(t, nullptr, l); }}) {
    EXPECT_EQ(read("a,b\nc,d\n", small()).size(), 2u);
    MessageKey rows = refusal([&] { read("a\nb\nc\nd\n", small()); });
    EXPECT_EQ(rows.key, "table.rows.too_many");
    EXPECT_EQ(rows.args, (std::vector<std::pair<std::string, std::string>>{{"limit", "3"}}));
    EXPECT_EQ(refusal([&] { read("\n\n\n\n", small()); }).key, "table.rows.too_many");  // blank rows count
    EXPECT_EQ(refusal([&] { read("a,b,c\n", small()); }).key, "table.columns.too_many");
    EXPECT_EQ(refusal([&] { read("a,b\nc,d\ne,f\n", small()); }).key, "table.cells.too_many");
  }
}

TEST(TableLimits, TheDefaultsAdmitACityWideTable) {
  std::string csv = "code,name,type,unit,lat,lon,address,grid_cell\n";
  for (int i = 0; i < 10000; ++i) csv += "S" + std::to_string(i) + ",名称,主干道,D1,31.2,121.5,路,G\n";
  SiteTable table = parse_site_table(csv);
  EXPECT_TRUE(table.errors.empty());
  EXPECT_EQ(table.rows.size(), 10000u);
}

}  // namespace
}  // namespace civic
