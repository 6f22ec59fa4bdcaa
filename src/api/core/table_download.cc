#include "api/core/table_download.h"

#include "domain/core/error.h"

namespace civic::api {

void require_table_format(std::string_view format) {
  if (format != "csv" && format != "xlsx") {
    throw InvalidInput("format", "format is csv or xlsx", message_key("table.format.unknown"));
  }
}

http::Response table_download(const platform::Cells& cells, std::string_view format,
                              const std::string& file_base, const std::string& sheet_name,
                              const std::vector<CsvCell>& kinds) {
  require_table_format(format);
  http::Response response;
  response.status = 200;
  if (format == "csv") {
    response.body = "\xEF\xBB\xBF";
    for (const auto& row : cells) response.body += csv_record(row, kinds);
    response.set_header("Content-Type", "text/csv; charset=utf-8");
    response.set_header("Content-Disposition", "attachment; filename=\"" + file_base + ".csv\"");
  } else {
    response.body = platform::write_xlsx(cells, sheet_name);
    response.set_header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    response.set_header("Content-Disposition", "attachment; filename=\"" + file_base + ".xlsx\"");
  }
  return response;
}

}  // namespace civic::api
