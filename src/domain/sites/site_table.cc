#include "domain/sites/site_table.h"

#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "domain/core/csv_cell.h"

namespace civic {

namespace {

struct Column {
  const char* key;
  const char* chinese;
  bool required;
};

constexpr std::array<Column, 8> kColumns{{
    {"code", "点位编号", true},
    {"name", "点位名称", true},
    {"type", "点位类型", true},
    {"unit", "责任单位", true},
    {"lat", "纬度", false},
    {"lon", "经度", false},
    {"address", "地址", false},
    {"grid_cell", "网格", false},
}};

// lat and lon are numbers; the other columns are text (neutralised on export, csv_cell.h).
const std::vector<CsvCell> kColumnKinds{CsvCell::text,   CsvCell::text,   CsvCell::text, CsvCell::text,
                                        CsvCell::number, CsvCell::number, CsvCell::text, CsvCell::text};

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

std::optional<double> parse_number(const std::string& text) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string format_number(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

bool valid_code(const std::string& code) {
  if (code.empty() || code.size() > 64) return false;
  for (char c : code) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || c == '/' || c == '?' || c == '#' || c == '%' || c == ',' || c == '"') return false;
  }
  return true;
}

}  // namespace

std::string SiteTable::column_name(std::string_view key) const {
  for (const Column& c : kColumns) {
    if (key == c.key) return chinese_header ? c.chinese : c.key;
  }
  return std::string(key);
}

std::vector<std::vector<std::string>> split_csv(std::string_view text, int* unclosed_quote_row,
                                                const TableLimits& limits) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false;
  bool field_started = false;  // the record has content (so a lone line break ends a record)
  size_t i = 0;
  TableBounds bounds(limits);
  auto end_field = [&] {
    bounds.cell(records.size(), record.size());
    record.push_back(csv_value(std::move(field)));
    field.clear();
  };
  auto end_record = [&] {
    end_field();
    records.push_back(std::move(record));
    record.clear();
    field_started = false;
  };
  while (i < text.size()) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          i += 2;
          continue;
        }
        in_quotes = false;
      } else {
        field += c;
      }
      ++i;
      continue;
    }
    if (c == '"') {
      in_quotes = true;
      field_started = true;
    } else if (c == ',') {
      end_field();
      field_started = true;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
    } else {
      field += c;
      field_started = true;
    }
    ++i;
  }
  if (in_quotes) {
    if (unclosed_quote_row) *unclosed_quote_row = static_cast<int>(records.size()) + 1;
    return records;
  }
  if (field_started || !record.empty()) end_record();
  return records;
}

SiteTable parse_site_table(std::string_view csv) {
  SiteTable table;
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  int unclosed = 0;
  auto records = split_csv(csv, &unclosed);
  if (unclosed) {
    table.errors.push_back({unclosed, "", "a quoted field is never closed"});
    return table;
  }
  if (records.empty()) {
    table.errors.push_back({1, "", "the file is empty; the first row must be the header"});
    return table;
  }
  // Header: every column known, each once; English or Chinese (mixed is accepted, named as English).
  std::map<std::string, size_t> index;  // key → field position
  int chinese = 0;
  for (size_t i = 0; i < records[0].size(); ++i) {
    std::string name = trim(records[0][i]);
    if (name.empty()) continue;
    const Column* found = nullptr;
    for (const Column& c : kColumns) {
      if (name == c.key || name == c.chinese) {
        found = &c;
        if (name == c.chinese) ++chinese;
      }
    }
    if (!found) {
      table.errors.push_back({1, name,
                              "unknown column; expected " + std::string("code,name,type,unit,lat,lon,"
                                                                        "address,grid_cell")});
      continue;
    }
    if (!index.emplace(found->key, i).second) table.errors.push_back({1, name, "the column appears twice"});
  }
  table.chinese_header = chinese > 0 && chinese == static_cast<int>(index.size());
  for (const Column& c : kColumns) {
    if (c.required && !index.count(c.key)) {
      table.errors.push_back({1, table.column_name(c.key), "required column is missing"});
    }
  }
  if (index.count("lat") != index.count("lon")) {
    table.errors.push_back(
        {1, table.column_name(index.count("lat") ? "lon" : "lat"), "latitude and longitude come together"});
  }
  if (!table.errors.empty()) return table;

  std::map<std::string, int> first_row_of_code;
  for (size_t r = 1; r < records.size(); ++r) {
    const auto& fields = records[r];
    int row_number = static_cast<int>(r) + 1;
    bool blank = true;
    for (const auto& f : fields) blank = blank && trim(f).empty();
    if (blank) continue;
    auto value = [&](const char* key) -> std::string {
      auto it = index.find(key);
      if (it == index.end() || it->second >= fields.size()) return {};
      return trim(fields[it->second]);
    };
    SiteTableRow row;
    row.row = row_number;
    row.code = value("code");
    row.name = value("name");
    row.type = value("type");
    row.unit = value("unit");
    row.address = value("address");
    row.grid_cell = value("grid_cell");
    size_t errors_before = table.errors.size();
    auto error = [&](const char* key, std::string message) {
      table.errors.push_back({row_number, table.column_name(key), std::move(message)});
    };
    if (row.code.empty()) {
      error("code", "a site code is required");
    } else if (!valid_code(row.code)) {
      error("code", "a site code has 1–64 characters without spaces, commas, quotes or / ? # %");
    } else {
      auto [it, fresh] = first_row_of_code.emplace(row.code, row_number);
      if (!fresh) error("code", "the code " + row.code + " is also on row " + std::to_string(it->second));
    }
    if (row.name.empty()) error("name", "a site name is required");
    if (row.name.size() > 200) error("name", "a site name has at most 200 bytes");
    if (row.type.empty()) error("type", "a site type is required");
    if (row.unit.empty()) error("unit", "a responsible unit code is required");
    if (row.address.size() > 500) error("address", "an address has at most 500 bytes");
    std::string lat = value("lat"), lon = value("lon");
    if (!lat.empty() || !lon.empty()) {
      row.lat = parse_number(lat);
      row.lon = parse_number(lon);
      if (lat.empty()) {
        error("lat", "latitude is missing (longitude is given)");
      } else if (!row.lat || *row.lat < -90 || *row.lat > 90) {
        error("lat", "latitude must be a number from -90 to 90");
      }
      if (lon.empty()) {
        error("lon", "longitude is missing (latitude is given)");
      } else if (!row.lon || *row.lon < -180 || *row.lon > 180) {
        error("lon", "longitude must be a number from -180 to 180");
      }
    }
    if (table.errors.size() == errors_before) table.rows.push_back(std::move(row));
  }
  if (table.rows.empty() && table.errors.empty()) {
    table.errors.push_back({2, "", "the file has a header but no sites"});
  }
  return table;
}

std::string write_site_table(const std::vector<SiteTableRow>& rows, bool chinese_header) {
  std::string out = "\xEF\xBB\xBF";
  for (size_t i = 0; i < kColumns.size(); ++i) {
    if (i) out += ',';
    out += chinese_header ? kColumns[i].chinese : kColumns[i].key;
  }
  out += "\r\n";
  for (const SiteTableRow& r : rows) {
    out += csv_record({r.code, r.name, r.type, r.unit, r.lat ? format_number(*r.lat) : "",
                       r.lon ? format_number(*r.lon) : "", r.address, r.grid_cell},
                      kColumnKinds);
  }
  return out;
}

std::vector<std::vector<std::string>> site_table_cells(const std::vector<SiteTableRow>& rows) {
  std::vector<std::vector<std::string>> cells(1);
  for (const Column& c : kColumns) cells[0].emplace_back(c.chinese);
  for (const SiteTableRow& r : rows) {
    cells.push_back({r.code, r.name, r.type, r.unit, r.lat ? format_number(*r.lat) : "",
                     r.lon ? format_number(*r.lon) : "", r.address, r.grid_cell});
  }
  return cells;
}

}  // namespace civic
