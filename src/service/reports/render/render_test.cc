#include <gtest/gtest.h>

#include "domain/reports/document.h"
#include "platform/spreadsheet.h"
#include "platform/zip_directory.h"
#include "service/reports/render/docx_writer.h"
#include "service/reports/render/html_writer.h"
#include "service/reports/render/pdf_writer.h"
#include "service/reports/render/xlsx_writer.h"

namespace civic::service::render {
namespace {

using reports::Block;

reports::Document sample() {
  reports::Document doc;
  doc.title = "互贸区创建全国文明城市工作上半年工作总结";
  doc.issuer = "互贸区创建办";
  doc.date = "2026-06-30";
  doc.footer = "数据指纹 revision 7 · sha256 abc";
  Block p;
  p.text = "今年上半年<互贸区>创建工作 & 成效，" + std::string(400, 'x');
  Block t;
  t.kind = Block::Kind::table;
  t.table = {"表1 排名", "排名", {"名次", "单位"}, {{"1", "街道一"}, {"2", "街道二"}}};
  Block c;
  c.kind = Block::Kind::chart;
  c.chart = {reports::Chart::Kind::radar, "图1 雷达", {"甲", "乙", "丙"}, {0.5, 0.9, 0.7}};
  Block bars;
  bars.kind = Block::Kind::chart;
  bars.chart = {reports::Chart::Kind::bars, "图2 案件", {"发现", "结案"}, {12, 9}};
  doc.sections = {
      {"opening", 0, "", {p}}, {"a", 1, "体制机制", {t, c}}, {"b", 2, "环境", {bars, p, p, p, p, p}}};
  return doc;
}

TEST(ReportPdf, IsAPdfWithSeveralPages) {
  std::string pdf = write_pdf(sample());
  ASSERT_GT(pdf.size(), 1000u);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
  EXPECT_NE(pdf.find("/Type /Page"), std::string::npos);
  EXPECT_NE(pdf.find("FontFile"), std::string::npos);  // fonts embedded
}

TEST(ReportHtml, EscapesTextAndDrawsChartsAsSvg) {
  std::string html = write_html(sample());
  EXPECT_NE(html.find("&lt;互贸区&gt;创建工作 &amp; 成效"), std::string::npos);
  EXPECT_EQ(html.find("<互贸区>"), std::string::npos);
  EXPECT_NE(html.find("<h2>一、体制机制</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h3>（一）环境</h3>"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("2026年6月30日"), std::string::npos);
}

TEST(ReportDocx, HoldsTheWordprocessingPartsAndOneImagePerChart) {
  std::string docx = write_docx(sample());
  std::vector<std::string> names;
  for (const auto& e : platform::read_zip_directory(docx)) names.push_back(e.name);
  for (const char* part :
       {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/footer1.xml",
        "word/_rels/document.xml.rels", "word/media/chart1.png", "word/media/chart2.png"})
    EXPECT_NE(std::find(names.begin(), names.end(), part), names.end()) << part;
}

TEST(ReportXlsx, FirstSheetListsTheFiguresWithRawValues) {
  reports::Figures f{{"score.total_rate", {reports::Figure::Kind::rate, 0.8126, ""}},
                     {"unit.name", {reports::Figure::Kind::text, std::nullopt, "互贸区"}}};
  auto cells = platform::read_xlsx(write_report_xlsx(sample(), f));
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[1][0], "score.total_rate");
  EXPECT_EQ(cells[1][1], "0.8126");
  EXPECT_EQ(cells[1][2], "81.3%");
  EXPECT_EQ(cells[2][1], "互贸区");
}

}  // namespace
}  // namespace civic::service::render
