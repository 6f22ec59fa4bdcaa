#include "service/reports/render/docx_writer.h"

#include "platform/zip_writer.h"
#include "service/reports/render/chart_painter.h"

namespace civic::service::render {

using reports::Block;

namespace {

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        // XML 1.0 refuses control characters other than tab, newline, carriage return.
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') break;
        out += ch;
    }
  }
  return out;
}

std::string run(const std::string& text, bool bold = false) {
  return std::string("<w:r>") + (bold ? "<w:rPr><w:b/></w:rPr>" : "") + "<w:t xml:space=\"preserve\">" +
         escape(text) + "</w:t></w:r>";
}

std::string paragraph(const std::string& style, const std::string& text) {
  return "<w:p><w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>" + run(text) + "</w:p>";
}

std::string table_xml(const reports::Table& t) {
  size_t cols = t.header.size();
  if (cols == 0) return "";
  constexpr int kTextWidth = 8844;  // twips between the margins
  std::string out = paragraph("Caption", t.caption);
  out += "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:jc w:val=\"center\"/><w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    out += std::string("<w:") + side + " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  out +=
      "</w:tblBorders><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/>"
      "</w:tblCellMar></w:tblPr><w:tblGrid>";
  for (size_t c = 0; c < cols; ++c)
    out += "<w:gridCol w:w=\"" + std::to_string(kTextWidth / static_cast<int>(cols)) + "\"/>";
  out += "</w:tblGrid>";
  auto row = [&](const std::vector<std::string>& cells, bool header) {
    out += header ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>";
    for (size_t c = 0; c < cols; ++c) {
      out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(kTextWidth / static_cast<int>(cols)) +
             "\" w:type=\"dxa\"/>" +
             (header ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EBEBEB\"/>" : "") + "</w:tcPr>";
      out += std::string("<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>") +
             (c == 0 ? "" : "<w:jc w:val=\"center\"/>") + "</w:pPr>" +
             run(c < cells.size() ? cells[c] : "", header) + "</w:p></w:tc>";
    }
    out += "</w:tr>";
  };
  row(t.header, true);
  for (const auto& r : t.rows) row(r, false);
  return out + "</w:tbl>" + paragraph("Spacer", "");
}

std::string image_xml(int id, const std::string& caption, double w_pt, double h_pt) {
  std::string cx = std::to_string(static_cast<long long>(w_pt * 12700)),
              cy = std::to_string(static_cast<long long>(h_pt * 12700)), n = std::to_string(id);
  return "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>"
         "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"" +
         cx + "\" cy=\"" + cy + "\"/><wp:docPr id=\"" + n + "\" name=\"" + escape(caption) +
         "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
         "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
         "<pic:pic><pic:nvPicPr><pic:cNvPr id=\"" +
         n + "\" name=\"chart" + n +
         ".png\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rIdChart" + n +
         "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/>"
         "<a:ext cx=\"" +
         cx + "\" cy=\"" + cy +
         "\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>"
         "</a:graphic></wp:inline></w:drawing></w:r></w:p>";
}

std::string fonts(const char* east_asia) {
  return std::string("<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"") +
         east_asia + "\" w:cs=\"Times New Roman\"/>";
}

std::string style(const std::string& id, const std::string& name, const std::string& ppr,
                  const std::string& rpr, const char* based_on = "Normal") {
  return "<w:style w:type=\"paragraph\" w:styleId=\"" + id + "\"><w:name w:val=\"" + name + "\"/>" +
         (id == "Normal" ? "" : std::string("<w:basedOn w:val=\"") + based_on + "\"/>") +
         "<w:qFormat/><w:pPr>" + ppr + "</w:pPr><w:rPr>" + rpr + "</w:rPr></w:style>";
}

std::string styles_xml() {
  std::string out =
      std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"") +
      kW + "\"><w:docDefaults><w:rPrDefault><w:rPr>" + fonts("宋体") +
      "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
      "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"560\" "
      "w:lineRule=\"exact\"/></w:pPr></w:pPrDefault></w:docDefaults>";
  out += style("Normal", "Normal", "<w:jc w:val=\"both\"/>", "");
  out += style("Body", "Body Text First Indent", "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>", "");
  out += style("Title", "Title",
               "<w:jc w:val=\"center\"/><w:spacing w:before=\"240\" w:after=\"240\" w:line=\"700\" "
               "w:lineRule=\"exact\"/>",
               fonts("黑体") + "<w:b/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>");
  out += style("Subtitle", "Subtitle", "<w:jc w:val=\"center\"/>", "<w:sz w:val=\"28\"/>");
  out +=
      style("Heading1", "heading 1",
            "<w:keepNext/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:outlineLvl w:val=\"0\"/>",
            fonts("黑体") + "<w:sz w:val=\"32\"/>");
  out +=
      style("Heading2", "heading 2",
            "<w:keepNext/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:outlineLvl w:val=\"1\"/>",
            fonts("楷体") + "<w:b/><w:sz w:val=\"32\"/>");
  out += style("Caption", "caption",
               "<w:keepNext/><w:jc w:val=\"center\"/><w:spacing w:before=\"120\" w:line=\"400\" "
               "w:lineRule=\"exact\"/>",
               fonts("黑体") + "<w:sz w:val=\"24\"/>");
  out += style("TableText", "Table Text",
               "<w:spacing w:line=\"300\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>",
               fonts("黑体") + "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>");
  out += style("Spacer", "Spacer", "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/>", "<w:sz w:val=\"12\"/>");
  out +=
      style("FooterNote", "footer", "<w:jc w:val=\"center\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/>",
            "<w:sz w:val=\"14\"/><w:color w:val=\"595959\"/>");
  return out + "</w:styles>";
}

std::string footer_xml(const std::string& footer) {
  std::string out =
      std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr xmlns:w=\"") + kW +
      "\" xmlns:r=\"" + kR + "\">";
  if (!footer.empty()) out += paragraph("FooterNote", footer);
  out +=
      "<w:p><w:pPr><w:pStyle w:val=\"FooterNote\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr>"
      "<w:t xml:space=\"preserve\">— </w:t></w:r><w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar "
      "w:fldCharType=\"begin\"/></w:r><w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:instrText "
      "xml:space=\"preserve\"> "
      "PAGE </w:instrText></w:r><w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar "
      "w:fldCharType=\"separate\"/></w:r>"
      "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t>1</w:t></w:r><w:r><w:rPr><w:sz "
      "w:val=\"28\"/></w:rPr><w:fldChar "
      "w:fldCharType=\"end\"/></w:r><w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\"> "
      "—</w:t></w:r></w:p>";
  return out + "</w:ftr>";
}

}  // namespace

std::string write_docx(const reports::Document& doc) {
  std::string body;
  std::vector<std::string> images;
  body += paragraph("Title", doc.title);
  body += paragraph("Subtitle", doc.issuer);
  body += paragraph("Subtitle", reports::chinese_date(doc.date));
  auto labels = reports::heading_labels(doc);
  for (size_t i = 0; i < doc.sections.size(); ++i) {
    const auto& s = doc.sections[i];
    if (s.level == 1) body += paragraph("Heading1", labels[i] + s.title);
    if (s.level == 2) body += paragraph("Heading2", labels[i] + s.title);
    for (const auto& b : s.blocks) {
      if (b.kind == Block::Kind::paragraph) {
        body += paragraph("Body", b.text);
      } else if (b.kind == Block::Kind::table) {
        body += table_xml(b.table);
      } else {
        double h = b.chart.kind == reports::Chart::Kind::radar ? 300 : 220;
        images.push_back(chart_png(b.chart, 400, h, 2.5));
        body += image_xml(static_cast<int>(images.size()), b.chart.caption, 400, h);
      }
    }
  }
  std::string document =
      std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"") +
      kW + "\" xmlns:r=\"" + kR +
      "\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
      "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
      "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>" +
      body +
      "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:pgSz w:w=\"11906\" "
      "w:h=\"16838\"/>"
      "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" "
      "w:footer=\"992\" "
      "w:gutter=\"0\"/><w:docGrid w:type=\"lines\" w:linePitch=\"560\"/></w:sectPr></w:body></w:document>";

  std::string rels = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n") +
                     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                     "<Relationship Id=\"rIdStyles\" Type=\"" +
                     kR +
                     "/styles\" Target=\"styles.xml\"/>"
                     "<Relationship Id=\"rIdFooter\" Type=\"" +
                     kR + "/footer\" Target=\"footer1.xml\"/>";
  for (size_t i = 1; i <= images.size(); ++i)
    rels += "<Relationship Id=\"rIdChart" + std::to_string(i) + "\" Type=\"" + kR +
            "/image\" Target=\"media/chart" + std::to_string(i) + ".png\"/>";
  rels += "</Relationships>";

  platform::ZipWriter zip;
  zip.add(
      "[Content_Types].xml",
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Default Extension=\"png\" ContentType=\"image/png\"/>"
      "<Override PartName=\"/word/document.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
      "<Override PartName=\"/word/styles.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
      "<Override PartName=\"/word/footer1.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
      "<Override PartName=\"/docProps/core.xml\" "
      "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>");
  zip.add(
      "_rels/.rels",
      std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n") +
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"" +
          kR +
          "/officeDocument\" Target=\"word/document.xml\"/>"
          "<Relationship Id=\"rId2\" "
          "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
          "Target=\"docProps/core.xml\"/></Relationships>");
  zip.add("docProps/core.xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties "
          "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
          "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
              escape(doc.title) + "</dc:title><dc:creator>Civic</dc:creator></cp:coreProperties>");
  zip.add("word/document.xml", document);
  zip.add("word/styles.xml", styles_xml());
  zip.add("word/footer1.xml", footer_xml(doc.footer));
  zip.add("word/_rels/document.xml.rels", rels);
  for (size_t i = 0; i < images.size(); ++i)
    zip.add("word/media/chart" + std::to_string(i + 1) + ".png", images[i]);
  return zip.finish();
}

}  // namespace civic::service::render
