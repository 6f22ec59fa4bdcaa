// One entry to the report renderers by format name: "pdf", "docx", "xlsx", "html" (InvalidInput "format",
// key report.format.invalid, for anything else), with the content type and file extension of each.
#pragma once

#include <string>
#include <string_view>

#include "domain/reports/document.h"

namespace civic::service::render {

struct RenderedFile {
  std::string bytes;
  std::string content_type;
  std::string extension;  // "pdf" …
};

// Throws InvalidInput("format") unless `format` is one of the four.
void require_report_format(std::string_view format);
// `bytes` kept from an earlier rendering in `format`, with that format's content type and extension.
RenderedFile kept_file(std::string bytes, std::string_view format);
RenderedFile render_document(const reports::Document& doc, const reports::Figures& figures,
                             std::string_view format);

}  // namespace civic::service::render
