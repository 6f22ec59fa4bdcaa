#include "store/evaluation/penalty_repository.h"

#include "store/core/row_fetch.h"
#include "store/core/sql_params.h"

namespace civic::store {

namespace {

const char* kColumns =
    "SELECT e.id, e.code, e.unit_id, e.period_id, e.deduct, e.disqualify, e.description, e.event_date, "
    "e.files,"
    " e.state, e.recorded_by, e.recorded_at, e.withdrawn_reason, e.withdrawn_by, e.withdrawn_at, u.code, "
    "u.name,"
    " u.path, p.code FROM penalty_events e JOIN units u ON u.id = e.unit_id JOIN periods p ON p.id = "
    "e.period_id ";

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

struct PenaltyBinding {
  PenaltyRow row;
  int disqualify = 0;
  std::string files;
  long long withdrawn = 0;
  soci::indicator withdrawn_ind = soci::i_null;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.type));
    st.exchange(soci::into(row.unit_id));
    st.exchange(soci::into(row.period_id));
    st.exchange(soci::into(row.deduct));
    st.exchange(soci::into(disqualify));
    st.exchange(soci::into(row.description));
    st.exchange(soci::into(row.date));
    st.exchange(soci::into(files));
    st.exchange(soci::into(row.state));
    st.exchange(soci::into(row.recorded_by));
    st.exchange(soci::into(row.recorded_at));
    st.exchange(soci::into(row.withdrawn_reason));
    st.exchange(soci::into(row.withdrawn_by));
    st.exchange(soci::into(withdrawn, withdrawn_ind));
    st.exchange(soci::into(row.unit_code));
    st.exchange(soci::into(row.unit_name));
    st.exchange(soci::into(row.unit_path));
    st.exchange(soci::into(row.period_code));
  }
  PenaltyRow take() const {
    PenaltyRow r = row;
    r.disqualify = disqualify != 0;
    r.files = split(files);
    r.withdrawn_at = withdrawn_ind == soci::i_ok ? std::optional<TimeMs>(withdrawn) : std::nullopt;
    return r;
  }
};

}  // namespace

long long PenaltyRepository::insert(const PenaltyRow& r) {
  long long id = 0;
  int disqualify = r.disqualify ? 1 : 0;
  std::string files = join(r.files);
  sql_ << "INSERT INTO penalty_events (code, unit_id, period_id, deduct, disqualify, description, event_date,"
          " files, state, recorded_by, recorded_at) VALUES (:c, :u, :p, :d, :q, :t, :dt, :f, 'recorded', :by,"
          " :at) RETURNING id",
      soci::use(r.type), soci::use(r.unit_id), soci::use(r.period_id), soci::use(r.deduct),
      soci::use(disqualify), soci::use(r.description), soci::use(r.date), soci::use(files),
      soci::use(r.recorded_by), soci::use(r.recorded_at), soci::into(id);
  return id;
}

std::optional<PenaltyRow> PenaltyRepository::find(long long id) {
  SqlParams p;
  return fetch_row<PenaltyBinding>(sql_, std::string(kColumns) + "WHERE e.id = " + p.integer(id), p);
}

std::vector<PenaltyRow> PenaltyRepository::list(const std::string& period_code) {
  SqlParams p;
  std::string q = kColumns;
  if (!period_code.empty()) q += "WHERE p.code = " + p.text(period_code) + " ";
  q += "ORDER BY e.id DESC";
  return fetch_rows<PenaltyBinding>(sql_, q, p);
}

void PenaltyRepository::withdraw(long long id, const std::string& reason, const std::string& by, TimeMs at) {
  sql_ << "UPDATE penalty_events SET state = 'withdrawn', withdrawn_reason = :r, withdrawn_by = :b,"
          " withdrawn_at = :a WHERE id = :i",
      soci::use(reason), soci::use(by), soci::use(at), soci::use(id);
}

}  // namespace civic::store
