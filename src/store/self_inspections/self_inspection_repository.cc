#include "store/self_inspections/self_inspection_repository.h"

#include "store/core/row_fetch.h"
#include "store/core/sql_params.h"

namespace civic::store {

namespace {

const char* kColumns =
    "SELECT s.id, s.period_id, s.unit_id, s.state, s.started_by, s.started_at, s.finished_at, p.code, u.code,"
    " u.name, u.path FROM self_inspections s JOIN periods p ON p.id = s.period_id"
    " JOIN units u ON u.id = s.unit_id ";

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

struct RowBinding {
  SelfInspectionRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.period_id));
    st.exchange(soci::into(row.unit_id));
    st.exchange(soci::into(row.state));
    st.exchange(soci::into(row.started_by));
    st.exchange(soci::into(row.started_at));
    st.exchange(soci::into(row.finished_at));
    st.exchange(soci::into(row.period_code));
    st.exchange(soci::into(row.unit_code));
    st.exchange(soci::into(row.unit_name));
    st.exchange(soci::into(row.unit_path));
  }
  SelfInspectionRow take() const { return row; }
};

struct ItemBinding {
  SelfInspectionItemRow row;
  std::string files;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.item));
    st.exchange(soci::into(row.self_rate));
    st.exchange(soci::into(row.expected));
    st.exchange(soci::into(row.note));
    st.exchange(soci::into(files));
    st.exchange(soci::into(row.updated_at));
  }
  SelfInspectionItemRow take() const {
    SelfInspectionItemRow r = row;
    r.files = split(files);
    return r;
  }
};

}  // namespace

long long SelfInspectionRepository::insert(long long period_id, long long unit_id,
                                           const std::string& started_by, TimeMs at) {
  long long id = 0;
  long long t = at;
  sql_ << "INSERT INTO self_inspections (period_id, unit_id, state, started_by, started_at, finished_at)"
          " VALUES (:p, :u, 'in_progress', :b, :t, 0) RETURNING id",
      soci::use(period_id), soci::use(unit_id), soci::use(started_by), soci::use(t), soci::into(id);
  return id;
}

std::optional<SelfInspectionRow> SelfInspectionRepository::find(long long id) {
  SqlParams p;
  return fetch_row<RowBinding>(sql_, std::string(kColumns) + "WHERE s.id = " + p.integer(id), p);
}

std::optional<long long> SelfInspectionRepository::find_id(long long period_id, long long unit_id) {
  long long id = 0;
  sql_ << "SELECT id FROM self_inspections WHERE period_id = :p AND unit_id = :u", soci::use(period_id),
      soci::use(unit_id), soci::into(id);
  if (!sql_.got_data()) return std::nullopt;
  return id;
}

std::vector<SelfInspectionRow> SelfInspectionRepository::list(const std::string& period_code,
                                                              const std::string& state) {
  SqlParams p;
  std::string q = kColumns;
  q += "WHERE 1 = 1 ";
  if (!period_code.empty()) q += "AND p.code = " + p.text(period_code) + " ";
  if (!state.empty()) q += "AND s.state = " + p.text(state) + " ";
  q += "ORDER BY p.code, u.code";
  return fetch_rows<RowBinding>(sql_, q, p);
}

std::vector<SelfInspectionItemRow> SelfInspectionRepository::items(long long id) {
  SqlParams p;
  return fetch_rows<ItemBinding>(sql_,
                                 "SELECT item, self_rate, expected, note, files, updated_at FROM "
                                 "self_inspection_items WHERE self_inspection_id = " +
                                     p.integer(id) + " ORDER BY item",
                                 p);
}

void SelfInspectionRepository::put_item(long long id, const SelfInspectionItemRow& r) {
  sql_ << "DELETE FROM self_inspection_items WHERE self_inspection_id = :s AND item = :i", soci::use(id),
      soci::use(r.item);
  std::string files = join(r.files);
  long long t = r.updated_at;
  sql_ << "INSERT INTO self_inspection_items (self_inspection_id, item, self_rate, expected, note, files,"
          " updated_at) VALUES (:s, :i, :r, :e, :n, :f, :t)",
      soci::use(id), soci::use(r.item), soci::use(r.self_rate), soci::use(r.expected), soci::use(r.note),
      soci::use(files), soci::use(t);
}

void SelfInspectionRepository::finish(long long id, TimeMs at) {
  long long t = at;
  sql_ << "UPDATE self_inspections SET state = 'finished', finished_at = :t WHERE id = :i", soci::use(t),
      soci::use(id);
}

}  // namespace civic::store
