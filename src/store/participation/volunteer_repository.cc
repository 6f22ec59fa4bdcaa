#include "store/participation/volunteer_repository.h"

#include "store/core/bulk_insert.h"
#include "store/core/row_fetch.h"
#include "store/core/sql_params.h"

namespace civic::store {

namespace {

const char* kVolunteerColumns =
    "SELECT v.id, v.code, v.name_sealed, v.phone_sealed, v.id_number_sealed, v.id_number_hash, v.unit_id,"
    " v.skills, v.availability, v.state, v.source, v.registered_at, v.registered_by, v.confirmed_by,"
    " v.confirmed_at, v.rejected_reason, v.updated_at, u.code, u.name, u.path"
    " FROM volunteers v JOIN units u ON u.id = v.unit_id ";

struct VolunteerBinding {
  VolunteerRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.code));
    st.exchange(soci::into(row.name_sealed));
    st.exchange(soci::into(row.phone_sealed));
    st.exchange(soci::into(row.id_number_sealed));
    st.exchange(soci::into(row.id_number_hash));
    st.exchange(soci::into(row.unit_id));
    st.exchange(soci::into(row.skills));
    st.exchange(soci::into(row.availability));
    st.exchange(soci::into(row.state));
    st.exchange(soci::into(row.source));
    st.exchange(soci::into(row.registered_at));
    st.exchange(soci::into(row.registered_by));
    st.exchange(soci::into(row.confirmed_by));
    st.exchange(soci::into(row.confirmed_at));
    st.exchange(soci::into(row.rejected_reason));
    st.exchange(soci::into(row.updated_at));
    st.exchange(soci::into(row.unit_code));
    st.exchange(soci::into(row.unit_name));
    st.exchange(soci::into(row.unit_path));
  }
  VolunteerRow take() const { return row; }
};

const char* kTeamColumns =
    "SELECT t.id, t.code, t.name, t.unit_id, t.created_by, t.created_at, u.code, u.name, u.path,"
    " (SELECT COUNT(*) FROM volunteer_team_members m WHERE m.team_id = t.id)"
    " FROM volunteer_teams t JOIN units u ON u.id = t.unit_id ";

struct TeamBinding {
  VolunteerTeamRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.code));
    st.exchange(soci::into(row.name));
    st.exchange(soci::into(row.unit_id));
    st.exchange(soci::into(row.created_by));
    st.exchange(soci::into(row.created_at));
    st.exchange(soci::into(row.unit_code));
    st.exchange(soci::into(row.unit_name));
    st.exchange(soci::into(row.unit_path));
    st.exchange(soci::into(row.members));
  }
  VolunteerTeamRow take() const { return row; }
};

struct IdBinding {
  long long id = 0;
  void bind(soci::statement& st) { st.exchange(soci::into(id)); }
  long long take() const { return id; }
};

struct TextBinding {
  std::string text;
  void bind(soci::statement& st) { st.exchange(soci::into(text)); }
  std::string take() const { return text; }
};

}  // namespace

long long VolunteerRepository::insert(const VolunteerRow& r) {
  long long id = 0, unit = r.unit_id, registered = r.registered_at, confirmed = r.confirmed_at,
            updated = r.updated_at;
  sql_
      << "INSERT INTO volunteers (code, name_sealed, phone_sealed, id_number_sealed, id_number_hash, unit_id,"
         " skills, availability, state, source, registered_at, registered_by, confirmed_by, confirmed_at,"
         " rejected_reason, updated_at) VALUES (:c, :n, :p, :i, :h, :u, :s, :a, :st, :src, :ra, :rb, :cb, "
         ":ca,"
         " :rr, :ua) RETURNING id",
      soci::use(r.code), soci::use(r.name_sealed), soci::use(r.phone_sealed), soci::use(r.id_number_sealed),
      soci::use(r.id_number_hash), soci::use(unit), soci::use(r.skills), soci::use(r.availability),
      soci::use(r.state), soci::use(r.source), soci::use(registered), soci::use(r.registered_by),
      soci::use(r.confirmed_by), soci::use(confirmed), soci::use(r.rejected_reason), soci::use(updated),
      soci::into(id);
  return id;
}

void VolunteerRepository::insert_many(const std::vector<VolunteerRow>& rows) {
  using T = BulkInserter::Type;
  BulkInserter in(sql_, "volunteers",
                  {{"code", T::text},
                   {"name_sealed", T::text},
                   {"phone_sealed", T::text},
                   {"id_number_sealed", T::text},
                   {"id_number_hash", T::text},
                   {"unit_id", T::integer},
                   {"skills", T::text},
                   {"availability", T::text},
                   {"state", T::text},
                   {"source", T::text},
                   {"registered_at", T::integer},
                   {"registered_by", T::text},
                   {"confirmed_by", T::text},
                   {"confirmed_at", T::integer},
                   {"rejected_reason", T::text},
                   {"updated_at", T::integer}});
  for (const VolunteerRow& r : rows) {
    in.text(r.code).text(r.name_sealed).text(r.phone_sealed).text(r.id_number_sealed).text(r.id_number_hash);
    in.integer(r.unit_id).text(r.skills).text(r.availability).text(r.state).text(r.source);
    in.integer(r.registered_at).text(r.registered_by).text(r.confirmed_by).integer(r.confirmed_at);
    in.text(r.rejected_reason).integer(r.updated_at);
    in.end_row();
  }
  in.flush();
}

std::unordered_set<std::string> VolunteerRepository::existing_codes(const std::vector<std::string>& codes) {
  return store::existing_codes(sql_, "volunteers", "code", codes);
}

std::unordered_set<std::string> VolunteerRepository::existing_hashes(const std::vector<std::string>& hashes) {
  return store::existing_codes(sql_, "volunteers", "id_number_hash", hashes);
}

std::optional<VolunteerRow> VolunteerRepository::find(const std::string& code) {
  SqlParams p;
  return fetch_row<VolunteerBinding>(sql_, std::string(kVolunteerColumns) + "WHERE v.code = " + p.text(code),
                                     p);
}

bool VolunteerRepository::hash_exists(const std::string& hash) {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM volunteers WHERE id_number_hash = :h", soci::use(hash), soci::into(n);
  return n > 0;
}

std::vector<VolunteerRow> VolunteerRepository::list() {
  return fetch_rows<VolunteerBinding>(sql_, std::string(kVolunteerColumns) + "ORDER BY v.code");
}

void VolunteerRepository::update_state(const VolunteerRow& r) {
  long long confirmed = r.confirmed_at, updated = r.updated_at, id = r.id;
  sql_ << "UPDATE volunteers SET state = :s, confirmed_by = :cb, confirmed_at = :ca, rejected_reason = :rr,"
          " updated_at = :ua WHERE id = :id",
      soci::use(r.state), soci::use(r.confirmed_by), soci::use(confirmed), soci::use(r.rejected_reason),
      soci::use(updated), soci::use(id);
}

long long VolunteerRepository::insert_team(const VolunteerTeamRow& r) {
  long long id = 0, unit = r.unit_id, at = r.created_at;
  sql_ << "INSERT INTO volunteer_teams (code, name, unit_id, created_by, created_at)"
          " VALUES (:c, :n, :u, :b, :a) RETURNING id",
      soci::use(r.code), soci::use(r.name), soci::use(unit), soci::use(r.created_by), soci::use(at),
      soci::into(id);
  return id;
}

std::optional<VolunteerTeamRow> VolunteerRepository::find_team(const std::string& code) {
  SqlParams p;
  return fetch_row<TeamBinding>(sql_, std::string(kTeamColumns) + "WHERE t.code = " + p.text(code), p);
}

std::vector<VolunteerTeamRow> VolunteerRepository::teams() {
  return fetch_rows<TeamBinding>(sql_, std::string(kTeamColumns) + "ORDER BY t.code");
}

bool VolunteerRepository::add_member(long long team, long long volunteer, const std::string& by, TimeMs at) {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM volunteer_team_members WHERE team_id = :t AND volunteer_id = :v",
      soci::use(team), soci::use(volunteer), soci::into(n);
  if (n > 0) return false;
  long long when = at;
  sql_ << "INSERT INTO volunteer_team_members (team_id, volunteer_id, added_by, added_at) VALUES (:t, :v, "
          ":b, :a)",
      soci::use(team), soci::use(volunteer), soci::use(by), soci::use(when);
  return true;
}

bool VolunteerRepository::remove_member(long long team, long long volunteer) {
  soci::statement st =
      (sql_.prepare << "DELETE FROM volunteer_team_members WHERE team_id = :t AND volunteer_id = :v",
       soci::use(team), soci::use(volunteer));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<long long> VolunteerRepository::members(long long team) {
  SqlParams p;
  return fetch_rows<IdBinding>(sql_,
                               "SELECT volunteer_id FROM volunteer_team_members WHERE team_id = " +
                                   p.integer(team) + " ORDER BY volunteer_id",
                               p);
}

std::unordered_map<long long, std::vector<std::string>> VolunteerRepository::team_codes_by_volunteer() {
  std::unordered_map<long long, std::vector<std::string>> out;
  long long volunteer = 0;
  std::string team;
  soci::statement st =
      (sql_.prepare << "SELECT m.volunteer_id, t.code FROM volunteer_team_members m"
                       " JOIN volunteer_teams t ON t.id = m.team_id ORDER BY m.volunteer_id, t.code",
       soci::into(volunteer), soci::into(team));
  st.execute();
  while (st.fetch()) out[volunteer].push_back(team);
  return out;
}

std::vector<std::string> VolunteerRepository::team_codes_of(long long volunteer) {
  SqlParams p;
  return fetch_rows<TextBinding>(
      sql_,
      "SELECT t.code FROM volunteer_team_members m JOIN volunteer_teams t ON t.id ="
      " m.team_id WHERE m.volunteer_id = " +
          p.integer(volunteer) + " ORDER BY t.code",
      p);
}

double VolunteerRepository::approved_hours(long long volunteer) {
  double hours = 0;
  sql_ << "SELECT COALESCE(SUM(hours), 0) FROM service_records WHERE volunteer_id = :v AND latest = 1"
          " AND state = 'approved'",
      soci::use(volunteer), soci::into(hours);
  return hours;
}

std::unordered_map<long long, double> VolunteerRepository::approved_hours_by_volunteer() {
  std::unordered_map<long long, double> out;
  long long volunteer = 0;
  double hours = 0;
  soci::statement st =
      (sql_.prepare << "SELECT volunteer_id, SUM(hours) FROM service_records WHERE latest = 1"
                       " AND state = 'approved' GROUP BY volunteer_id",
       soci::into(volunteer), soci::into(hours));
  st.execute();
  while (st.fetch()) out[volunteer] = hours;
  return out;
}

}  // namespace civic::store
