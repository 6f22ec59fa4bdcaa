// CSV fields: formula neutralisation by column kind, quoting, and the neutralising ' dropped on reading.
#include "domain/core/csv_cell.h"

#include <gtest/gtest.h>

namespace civic {
namespace {

TEST(CsvCell, TextStartingLikeAFormulaGetsAnApostrophe) {
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(csv_field("+1"), "'+1");
  EXPECT_EQ(csv_field("-1"), "'-1");  // in a text column even a number is text
  EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_field("\tx"), "'\tx");
  EXPECT_EQ(csv_field("\rx"), "\"'\rx\"");
  EXPECT_EQ(csv_field("a=b"), "a=b");
  EXPECT_EQ(csv_field("清理卫生死角"), "清理卫生死角");
  EXPECT_EQ(csv_field(""), "");
}

TEST(CsvCell, NumberColumnsKeepNumbersAndStillNeutraliseText) {
  EXPECT_EQ(csv_field("-12.5", CsvCell::number), "-12.5");
  EXPECT_EQ(csv_field("3", CsvCell::number), "3");
  EXPECT_EQ(csv_field("-1+2", CsvCell::number), "'-1+2");
  EXPECT_EQ(csv_field("=1", CsvCell::number), "'=1");
  EXPECT_EQ(csv_record({"=x", "-1", "y,z"}, {CsvCell::text, CsvCell::number}), "'=x,-1,\"y,z\"\r\n");
}

TEST(CsvCell, ReadingDropsTheNeutralisingApostropheOnly) {
  EXPECT_EQ(csv_value("'=x"), "=x");
  EXPECT_EQ(csv_value("'-1"), "-1");
  EXPECT_EQ(csv_value("'@a"), "@a");
  EXPECT_EQ(csv_value("'abc"), "'abc");
  EXPECT_EQ(csv_value("'"), "'");
  EXPECT_EQ(csv_value("=x"), "=x");
}

}  // namespace
}  // namespace civic
