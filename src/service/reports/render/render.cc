#include "service/reports/render/render.h"

#include "domain/core/error.h"
#include "service/reports/render/docx_writer.h"
#include "service/reports/render/html_writer.h"
#include "service/reports/render/pdf_writer.h"
#include "service/reports/render/xlsx_writer.h"

namespace civic::service::render {

void require_report_format(std::string_view format) {
  if (format == "pdf" || format == "docx" || format == "xlsx" || format == "html") return;
  throw InvalidInput("format", "format must be pdf, docx, xlsx or html",
                     message_key("report.format.invalid"));
}

RenderedFile kept_file(std::string bytes, std::string_view format) {
  require_report_format(format);
  if (format == "pdf") return {std::move(bytes), "application/pdf", "pdf"};
  if (format == "docx")
    return {std::move(bytes), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx"};
  if (format == "xlsx")
    return {std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"};
  return {std::move(bytes), "text/html; charset=utf-8", "html"};
}

RenderedFile render_document(const reports::Document& doc, const reports::Figures& figures,
                             std::string_view format) {
  require_report_format(format);
  if (format == "pdf") return kept_file(write_pdf(doc), format);
  if (format == "docx") return kept_file(write_docx(doc), format);
  if (format == "xlsx") return kept_file(write_report_xlsx(doc, figures), format);
  return kept_file(write_html(doc), format);
}

}  // namespace civic::service::render
