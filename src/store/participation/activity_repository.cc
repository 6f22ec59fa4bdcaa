#include "store/participation/activity_repository.h"

#include "store/core/bulk_insert.h"
#include "store/core/row_fetch.h"
#include "store/core/sql_params.h"

namespace civic::store {

namespace {

// A nullable column read into an optional.
struct NullableReal {
  double value = 0;
  soci::indicator ind = soci::i_null;
  std::optional<double> get() const {
    return ind == soci::i_ok ? std::optional<double>(value) : std::nullopt;
  }
};
struct NullableId {
  long long value = 0;
  soci::indicator ind = soci::i_null;
  std::optional<long long> get() const {
    return ind == soci::i_ok ? std::optional<long long>(value) : std::nullopt;
  }
};

const char* kActivityColumns =
    "SELECT a.id, a.code, a.unit_id, a.type, a.title, a.starts_at, a.ends_at, a.place, a.latitude,"
    " a.longitude, a.site_code, a.station_id, a.capacity, a.description, a.news_link, a.participants_count,"
    " a.qr_token, a.state, a.created_by, a.created_at, a.updated_at, a.version, a.cancel_reason, u.code,"
    " u.name, u.path,"
    " COALESCE(s.code, ''),"
    " (SELECT COUNT(*) FROM activity_signups g WHERE g.activity_id = a.id)"
    " FROM activities a JOIN units u ON u.id = a.unit_id LEFT JOIN practice_stations s ON s.id = "
    "a.station_id ";

struct ActivityBinding {
  ActivityRow row;
  NullableReal lat, lng;
  NullableId station;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.code));
    st.exchange(soci::into(row.unit_id));
    st.exchange(soci::into(row.type));
    st.exchange(soci::into(row.title));
    st.exchange(soci::into(row.starts_at));
    st.exchange(soci::into(row.ends_at));
    st.exchange(soci::into(row.place));
    st.exchange(soci::into(lat.value, lat.ind));
    st.exchange(soci::into(lng.value, lng.ind));
    st.exchange(soci::into(row.site_code));
    st.exchange(soci::into(station.value, station.ind));
    st.exchange(soci::into(row.capacity));
    st.exchange(soci::into(row.description));
    st.exchange(soci::into(row.news_link));
    st.exchange(soci::into(row.participants_count));
    st.exchange(soci::into(row.qr_token));
    st.exchange(soci::into(row.state));
    st.exchange(soci::into(row.created_by));
    st.exchange(soci::into(row.created_at));
    st.exchange(soci::into(row.updated_at));
    st.exchange(soci::into(row.version));
    st.exchange(soci::into(row.cancel_reason));
    st.exchange(soci::into(row.unit_code));
    st.exchange(soci::into(row.unit_name));
    st.exchange(soci::into(row.unit_path));
    st.exchange(soci::into(row.station_code));
    st.exchange(soci::into(row.signups));
  }
  ActivityRow take() const {
    ActivityRow r = row;
    r.latitude = lat.get();
    r.longitude = lng.get();
    r.station_id = station.get();
    return r;
  }
};

const char* kRecordColumns =
    "SELECT r.id, r.volunteer_id, r.activity_id, r.check_in, r.check_out, r.hours, r.state,"
    " r.needs_confirmation, r.check_in_latitude, r.check_in_longitude, r.version, r.supersedes, r.latest,"
    " r.entered_by, r.decided_by, r.decided_at, r.decision_reason, r.created_at, v.code, a.code, a.title,"
    " u.path, a.starts_at,"
    " a.ends_at"
    " FROM service_records r JOIN volunteers v ON v.id = r.volunteer_id"
    " JOIN activities a ON a.id = r.activity_id JOIN units u ON u.id = a.unit_id ";

struct RecordBinding {
  ServiceRecordRow row;
  long long needs = 0, latest = 1;
  NullableReal lat, lng;
  NullableId supersedes;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.volunteer_id));
    st.exchange(soci::into(row.activity_id));
    st.exchange(soci::into(row.check_in));
    st.exchange(soci::into(row.check_out));
    st.exchange(soci::into(row.hours));
    st.exchange(soci::into(row.state));
    st.exchange(soci::into(needs));
    st.exchange(soci::into(lat.value, lat.ind));
    st.exchange(soci::into(lng.value, lng.ind));
    st.exchange(soci::into(row.version));
    st.exchange(soci::into(supersedes.value, supersedes.ind));
    st.exchange(soci::into(latest));
    st.exchange(soci::into(row.entered_by));
    st.exchange(soci::into(row.decided_by));
    st.exchange(soci::into(row.decided_at));
    st.exchange(soci::into(row.decision_reason));
    st.exchange(soci::into(row.created_at));
    st.exchange(soci::into(row.volunteer_code));
    st.exchange(soci::into(row.activity_code));
    st.exchange(soci::into(row.activity_title));
    st.exchange(soci::into(row.activity_unit_path));
    st.exchange(soci::into(row.activity_starts_at));
    st.exchange(soci::into(row.activity_ends_at));
  }
  ServiceRecordRow take() const {
    ServiceRecordRow r = row;
    r.needs_confirmation = needs != 0;
    r.latest = latest != 0;
    r.latitude = lat.get();
    r.longitude = lng.get();
    r.supersedes = supersedes.get();
    return r;
  }
};

const char* kStationColumns =
    "SELECT s.id, s.code, s.name, s.level, s.unit_id, s.address, s.latitude, s.longitude, s.created_by,"
    " s.created_at, u.code, u.name, u.path FROM practice_stations s JOIN units u ON u.id = s.unit_id ";

struct StationBinding {
  StationRow row;
  NullableReal lat, lng;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.code));
    st.exchange(soci::into(row.name));
    st.exchange(soci::into(row.level));
    st.exchange(soci::into(row.unit_id));
    st.exchange(soci::into(row.address));
    st.exchange(soci::into(lat.value, lat.ind));
    st.exchange(soci::into(lng.value, lng.ind));
    st.exchange(soci::into(row.created_by));
    st.exchange(soci::into(row.created_at));
    st.exchange(soci::into(row.unit_code));
    st.exchange(soci::into(row.unit_name));
    st.exchange(soci::into(row.unit_path));
  }
  StationRow take() const {
    StationRow r = row;
    r.latitude = lat.get();
    r.longitude = lng.get();
    return r;
  }
};

struct SignupBinding {
  SignupRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.volunteer_id));
    st.exchange(soci::into(row.volunteer_code));
    st.exchange(soci::into(row.signed_up_at));
  }
  SignupRow take() const { return row; }
};

struct CertificateBinding {
  CertificateRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.verification_code));
    st.exchange(soci::into(row.volunteer_id));
    st.exchange(soci::into(row.hours));
    st.exchange(soci::into(row.stars));
    st.exchange(soci::into(row.record_ids));
    st.exchange(soci::into(row.issued_by));
    st.exchange(soci::into(row.issued_at));
  }
  CertificateRow take() const { return row; }
};

struct TotalsBinding {
  ActivityTotalsRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.unit_id));
    st.exchange(soci::into(row.activities));
    st.exchange(soci::into(row.participants));
    st.exchange(soci::into(row.volunteers));
    st.exchange(soci::into(row.hours));
  }
  ActivityTotalsRow take() const { return row; }
};

struct StationTotalsBinding {
  long long station = 0, activities = 0;
  double hours = 0;
  void bind(soci::statement& st) {
    st.exchange(soci::into(station));
    st.exchange(soci::into(activities));
    st.exchange(soci::into(hours));
  }
  std::pair<long long, std::pair<long long, double>> take() const { return {station, {activities, hours}}; }
};

soci::indicator ind_of(bool present) {
  return present ? soci::i_ok : soci::i_null;
}

}  // namespace

long long ActivityRepository::insert(const ActivityRow& r) {
  long long id = 0, unit = r.unit_id, starts = r.starts_at, ends = r.ends_at,
            station = r.station_id.value_or(0), capacity = r.capacity, participants = r.participants_count,
            created = r.created_at, updated = r.updated_at;
  double lat = r.latitude.value_or(0), lng = r.longitude.value_or(0);
  soci::indicator lat_ind = ind_of(r.latitude.has_value()), lng_ind = ind_of(r.longitude.has_value()),
                  station_ind = ind_of(r.station_id.has_value());
  sql_
      << "INSERT INTO activities (code, unit_id, type, title, starts_at, ends_at, place, latitude, longitude,"
         " site_code, station_id, capacity, description, news_link, participants_count, qr_token, state,"
         " created_by, created_at, updated_at) VALUES (:c, :u, :t, :ti, :s, :e, :p, :la, :lo, :si, :st, :ca,"
         " :d, :n, :pc, :q, :state, :cb, :ct, :ut) RETURNING id",
      soci::use(r.code), soci::use(unit), soci::use(r.type), soci::use(r.title), soci::use(starts),
      soci::use(ends), soci::use(r.place), soci::use(lat, lat_ind), soci::use(lng, lng_ind),
      soci::use(r.site_code), soci::use(station, station_ind), soci::use(capacity), soci::use(r.description),
      soci::use(r.news_link), soci::use(participants), soci::use(r.qr_token), soci::use(r.state),
      soci::use(r.created_by), soci::use(created), soci::use(updated), soci::into(id);
  return id;
}

bool ActivityRepository::update(const ActivityRow& r, long long expected_version) {
  long long id = r.id, starts = r.starts_at, ends = r.ends_at, station = r.station_id.value_or(0),
            capacity = r.capacity, participants = r.participants_count, updated = r.updated_at,
            version = r.version, expected = expected_version;
  double lat = r.latitude.value_or(0), lng = r.longitude.value_or(0);
  soci::indicator lat_ind = ind_of(r.latitude.has_value()), lng_ind = ind_of(r.longitude.has_value()),
                  station_ind = ind_of(r.station_id.has_value());
  soci::statement st =
      (sql_.prepare
           << "UPDATE activities SET type = :t, title = :ti, starts_at = :s, ends_at = :e, place = :p,"
              " latitude = :la, longitude = :lo, site_code = :si, station_id = :st, capacity = :ca,"
              " description = :d, news_link = :n, participants_count = :pc, state = :state,"
              " cancel_reason = :cr, version = :v, updated_at = :ut WHERE id = :id AND version = :ev",
       soci::use(r.type), soci::use(r.title), soci::use(starts), soci::use(ends), soci::use(r.place),
       soci::use(lat, lat_ind), soci::use(lng, lng_ind), soci::use(r.site_code),
       soci::use(station, station_ind), soci::use(capacity), soci::use(r.description), soci::use(r.news_link),
       soci::use(participants), soci::use(r.state), soci::use(r.cancel_reason), soci::use(version),
       soci::use(updated), soci::use(id), soci::use(expected));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<ActivityRow> ActivityRepository::find(const std::string& code) {
  SqlParams p;
  return fetch_row<ActivityBinding>(sql_, std::string(kActivityColumns) + "WHERE a.code = " + p.text(code),
                                    p);
}

std::vector<ActivityRow> ActivityRepository::list() {
  return fetch_rows<ActivityBinding>(sql_,
                                     std::string(kActivityColumns) + "ORDER BY a.starts_at DESC, a.code");
}

bool ActivityRepository::signed_up(long long activity, long long volunteer) {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM activity_signups WHERE activity_id = :a AND volunteer_id = :v",
      soci::use(activity), soci::use(volunteer), soci::into(n);
  return n > 0;
}

void ActivityRepository::add_signup(long long activity, long long volunteer, TimeMs at) {
  long long when = at;
  sql_ << "INSERT INTO activity_signups (activity_id, volunteer_id, signed_up_at) VALUES (:a, :v, :t)",
      soci::use(activity), soci::use(volunteer), soci::use(when);
}

std::vector<SignupRow> ActivityRepository::signups(long long activity) {
  SqlParams p;
  return fetch_rows<SignupBinding>(sql_,
                                   "SELECT g.volunteer_id, v.code, g.signed_up_at FROM activity_signups g"
                                   " JOIN volunteers v ON v.id = g.volunteer_id WHERE g.activity_id = " +
                                       p.integer(activity) + " ORDER BY g.signed_up_at, v.code",
                                   p);
}

void ActivityRepository::add_signups(const std::vector<NewSignupRow>& rows) {
  using T = BulkInserter::Type;
  BulkInserter in(sql_, "activity_signups",
                  {{"activity_id", T::integer}, {"volunteer_id", T::integer}, {"signed_up_at", T::integer}});
  for (const NewSignupRow& r : rows) {
    in.integer(r.activity_id).integer(r.volunteer_id).integer(r.signed_up_at);
    in.end_row();
  }
  in.flush();
}

void ActivityRepository::insert_records(const std::vector<ServiceRecordRow>& rows) {
  using T = BulkInserter::Type;
  BulkInserter in(sql_, "service_records",
                  {{"volunteer_id", T::integer},
                   {"activity_id", T::integer},
                   {"check_in", T::integer},
                   {"check_out", T::integer},
                   {"hours", T::real},
                   {"state", T::text},
                   {"needs_confirmation", T::integer},
                   {"check_in_latitude", T::real},
                   {"check_in_longitude", T::real},
                   {"version", T::integer},
                   {"supersedes", T::integer},
                   {"latest", T::integer},
                   {"entered_by", T::text},
                   {"decided_by", T::text},
                   {"decided_at", T::integer},
                   {"created_at", T::integer}});
  for (const ServiceRecordRow& r : rows) {
    in.integer(r.volunteer_id).integer(r.activity_id).integer(r.check_in).integer(r.check_out);
    in.real(r.hours).text(r.state).integer(r.needs_confirmation ? 1 : 0);
    in.real_or_null(r.latitude).real_or_null(r.longitude).integer(r.version).integer_or_null(r.supersedes);
    in.integer(r.latest ? 1 : 0).text(r.entered_by).text(r.decided_by).integer(r.decided_at);
    in.integer(r.created_at);
    in.end_row();
  }
  in.flush();
}

long long ActivityRepository::insert_record(const ServiceRecordRow& r) {
  long long id = 0, volunteer = r.volunteer_id, activity = r.activity_id, in = r.check_in, out = r.check_out,
            needs = r.needs_confirmation ? 1 : 0, version = r.version, supersedes = r.supersedes.value_or(0),
            latest = r.latest ? 1 : 0, decided = r.decided_at, created = r.created_at;
  double hours = r.hours, lat = r.latitude.value_or(0), lng = r.longitude.value_or(0);
  soci::indicator lat_ind = ind_of(r.latitude.has_value()), lng_ind = ind_of(r.longitude.has_value()),
                  sup_ind = ind_of(r.supersedes.has_value());
  sql_ << "INSERT INTO service_records (volunteer_id, activity_id, check_in, check_out, hours, state,"
          " needs_confirmation, check_in_latitude, check_in_longitude, version, supersedes, latest, "
          "entered_by,"
          " decided_by, decided_at, created_at) VALUES (:v, :a, :i, :o, :h, :s, :n, :la, :lo, :ver, :sup, :l,"
          " :eb, :db, :da, :ca) RETURNING id",
      soci::use(volunteer), soci::use(activity), soci::use(in), soci::use(out), soci::use(hours),
      soci::use(r.state), soci::use(needs), soci::use(lat, lat_ind), soci::use(lng, lng_ind),
      soci::use(version), soci::use(supersedes, sup_ind), soci::use(latest), soci::use(r.entered_by),
      soci::use(r.decided_by), soci::use(decided), soci::use(created), soci::into(id);
  return id;
}

std::optional<ServiceRecordRow> ActivityRepository::find_record(long long id) {
  SqlParams p;
  return fetch_row<RecordBinding>(sql_, std::string(kRecordColumns) + "WHERE r.id = " + p.integer(id), p);
}

std::vector<ServiceRecordRow> ActivityRepository::records_of_activity(long long activity) {
  SqlParams p;
  return fetch_rows<RecordBinding>(
      sql_, std::string(kRecordColumns) + "WHERE r.activity_id = " + p.integer(activity) + " ORDER BY r.id",
      p);
}

std::optional<ServiceRecordRow> ActivityRepository::latest_record(long long activity, long long volunteer) {
  SqlParams p;
  return fetch_row<RecordBinding>(
      sql_,
      std::string(kRecordColumns) + "WHERE r.activity_id = " + p.integer(activity) +
          " AND r.volunteer_id = " + p.integer(volunteer) + " AND r.latest = 1 ORDER BY r.id DESC",
      p);
}

void ActivityRepository::update_record(const ServiceRecordRow& r) {
  long long out = r.check_out, needs = r.needs_confirmation ? 1 : 0, decided = r.decided_at,
            latest = r.latest ? 1 : 0, id = r.id;
  double hours = r.hours;
  sql_ << "UPDATE service_records SET check_out = :o, hours = :h, state = :s, needs_confirmation = :n,"
          " decided_by = :db, decided_at = :da, decision_reason = :dr, latest = :l WHERE id = :id",
      soci::use(out), soci::use(hours), soci::use(r.state), soci::use(needs), soci::use(r.decided_by),
      soci::use(decided), soci::use(r.decision_reason), soci::use(latest), soci::use(id);
}

std::vector<ServiceRecordRow> ActivityRepository::approved_records(long long volunteer) {
  SqlParams p;
  return fetch_rows<RecordBinding>(sql_,
                                   std::string(kRecordColumns) +
                                       "WHERE r.volunteer_id = " + p.integer(volunteer) +
                                       " AND r.latest = 1 AND r.state = 'approved' ORDER BY r.check_in, r.id",
                                   p);
}

std::vector<ServiceRecordRow> ActivityRepository::approved_records_between(TimeMs from, TimeMs to) {
  SqlParams p;
  std::string a = p.integer(from), b = p.integer(to);
  return fetch_rows<RecordBinding>(sql_,
                                   std::string(kRecordColumns) + "WHERE a.starts_at >= " + a +
                                       " AND a.starts_at < " + b +
                                       " AND a.state <> 'cancelled' AND r.latest = 1 AND r.state = 'approved'"
                                       " ORDER BY a.starts_at, a.id, r.check_in, r.id",
                                   p);
}

long long ActivityRepository::insert_station(const StationRow& r) {
  long long id = 0, unit = r.unit_id, created = r.created_at;
  double lat = r.latitude.value_or(0), lng = r.longitude.value_or(0);
  soci::indicator lat_ind = ind_of(r.latitude.has_value()), lng_ind = ind_of(r.longitude.has_value());
  sql_ << "INSERT INTO practice_stations (code, name, level, unit_id, address, latitude, longitude, "
          "created_by,"
          " created_at) VALUES (:c, :n, :l, :u, :a, :la, :lo, :cb, :ca) RETURNING id",
      soci::use(r.code), soci::use(r.name), soci::use(r.level), soci::use(unit), soci::use(r.address),
      soci::use(lat, lat_ind), soci::use(lng, lng_ind), soci::use(r.created_by), soci::use(created),
      soci::into(id);
  return id;
}

std::optional<StationRow> ActivityRepository::find_station(const std::string& code) {
  SqlParams p;
  return fetch_row<StationBinding>(sql_, std::string(kStationColumns) + "WHERE s.code = " + p.text(code), p);
}

std::vector<StationRow> ActivityRepository::stations() {
  return fetch_rows<StationBinding>(sql_, std::string(kStationColumns) + "ORDER BY s.code");
}

std::vector<std::pair<long long, std::pair<long long, double>>> ActivityRepository::station_totals(
    TimeMs from, TimeMs to) {
  SqlParams p;
  std::string range = " a.starts_at >= " + p.integer(from) + " AND a.starts_at < " + p.integer(to);
  return fetch_rows<StationTotalsBinding>(
      sql_,
      "SELECT a.station_id, COUNT(*), COALESCE(SUM((SELECT COALESCE(SUM(r.hours), 0) FROM service_records r"
      " WHERE r.activity_id = a.id AND r.latest = 1 AND r.state = 'approved')), 0)"
      " FROM activities a WHERE a.station_id IS NOT NULL AND a.state <> 'cancelled' AND" +
          range + " GROUP BY a.station_id",
      p);
}

std::vector<ActivityTotalsRow> ActivityRepository::unit_totals(TimeMs from, TimeMs to) {
  SqlParams p;
  // Placeholders are numbered in the order they are made, which must be the order they appear in.
  std::string from2 = p.integer(from), to2 = p.integer(to), from1 = p.integer(from), to1 = p.integer(to);
  return fetch_rows<TotalsBinding>(
      sql_,
      "SELECT a.unit_id, COUNT(*), COALESCE(SUM(a.participants_count), 0),"
      " (SELECT COUNT(DISTINCT r.volunteer_id) FROM service_records r JOIN activities b ON b.id = "
      "r.activity_id"
      "  WHERE b.unit_id = a.unit_id AND r.latest = 1 AND r.state = 'approved' AND b.state <> 'cancelled'"
      "  AND b.starts_at >= " +
          from2 + " AND b.starts_at < " + to2 +
          "),"
          " COALESCE(SUM((SELECT COALESCE(SUM(r.hours), 0) FROM service_records r"
          "  WHERE r.activity_id = a.id AND r.latest = 1 AND r.state = 'approved')), 0)"
          " FROM activities a WHERE a.state <> 'cancelled' AND a.starts_at >= " +
          from1 + " AND a.starts_at < " + to1 + " GROUP BY a.unit_id",
      p);
}

void ActivityRepository::insert_certificate(const CertificateRow& r) {
  long long volunteer = r.volunteer_id, stars = r.stars, at = r.issued_at;
  double hours = r.hours;
  sql_ << "INSERT INTO volunteer_certificates (verification_code, volunteer_id, hours, stars, record_ids,"
          " issued_by, issued_at) VALUES (:c, :v, :h, :s, :r, :b, :a)",
      soci::use(r.verification_code), soci::use(volunteer), soci::use(hours), soci::use(stars),
      soci::use(r.record_ids), soci::use(r.issued_by), soci::use(at);
}

std::optional<CertificateRow> ActivityRepository::find_certificate(const std::string& code) {
  SqlParams p;
  return fetch_row<CertificateBinding>(sql_,
                                       "SELECT id, verification_code, volunteer_id, hours, stars, record_ids,"
                                       " issued_by, issued_at FROM volunteer_certificates WHERE"
                                       " verification_code = " +
                                           p.text(code),
                                       p);
}

}  // namespace civic::store
