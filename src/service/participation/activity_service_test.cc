// The bulk paths of ActivityService on a real database (both backends). create_many: a programme of
// activities is written whole with one audit record; a bad one (times, a station, a code taken or given
// twice) refuses the batch naming it. enter_attendance: attendance sheets are written whole — sign-ups,
// records with their hours, approved or pending — with one audit record; a bad line (times, an unknown
// activity, a pending volunteer, a volunteer twice, a full activity, a record that exists) refuses every
// sheet naming the line, and nothing is stored.
#include <gtest/gtest.h>

#include <set>

#include "bundle/bundle_reader.h"
#include "domain/core/error.h"
#include "domain/participation/volunteer.h"
#include "service/core/services.h"
#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

const char* kBundle =
    R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1",
  "name":"方面","indicators":[{"code":"A1.1","name":"指标","items":[
    {"code":"A1.1.1","name":"制度","max_score":1,"method":"material"}]}]}]},
  "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"S1","parent":"D1"},
           {"code":"C1","parent":"S1"},{"code":"C2","parent":"S1"}],
  "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}]})";

constexpr TimeMs kHour = 3600000;
constexpr TimeMs kMarch7 = 1772870400000;  // 2026-03-07T08:00:00Z

std::string id_number(int n) {
  std::string first17 = "33010219900101" + std::to_string(100 + n);
  return first17 + id_number_check_character(first17);
}

VolunteerInput person(int n, const std::string& unit) {
  return {"志愿者" + std::to_string(n), "1380000" + std::to_string(1000 + n), id_number(n), unit, {}, "周末"};
}

long long count(store::TestDatabase& t, const std::string& sql) {
  long long n = -1;
  auto l = t.db().lease();
  *l << sql, soci::into(n);
  return n;
}

class ActivityAttendanceTest : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(ActivityAttendanceTest);

TEST_P(ActivityAttendanceTest, AProgrammeIsCreatedWholeOrNotAtAll) {
  store::TestDatabase t(GetParam());
  ManualClock clock(1780000000000);
  Services s(t.db(), clock);
  auto cli = Principal::cli();
  s.evaluation.import_bundle(cli, bundle::read_bundle(kBundle));
  s.activities.create_station(cli, {"C1-XSZ", "一号社区新时代文明实践站", "station", "C1", "", 45.7, 126.6});
  auto activity = [&](const std::string& code, const std::string& unit, TimeMs starts) {
    ActivityInput in;
    in.code = code;
    in.unit = unit;
    in.type = "文明实践";
    in.title = "理论宣讲进社区";
    in.starts_at = starts;
    in.ends_at = starts + 2 * kHour;
    return in;
  };
  auto refused = [&](const std::vector<ActivityInput>& batch, const std::string& field,
                     const std::string& key) {
    try {
      s.activities.create_many(cli, batch);
      ADD_FAILURE() << "a batch with a bad activity at " << field << " was created";
    } catch (const Error& e) {
      EXPECT_EQ(e.field(), field);
      EXPECT_EQ(e.key().key, key);
    }
  };
  std::vector<ActivityInput> bad{activity("", "C1", kMarch7), activity("", "C2", kMarch7)};
  bad[1].ends_at = bad[1].starts_at;
  refused(bad, "activities[1].ends_at", "activity.ends_before_start");
  bad = {activity("", "C1", kMarch7), activity("", "C2", kMarch7)};
  bad[0].station = "C9-XSZ";
  refused(bad, "activities[0].station", "practice_station.unknown");
  refused({activity("A20260001", "C1", kMarch7), activity("A20260001", "C2", kMarch7)}, "activities[1].code",
          "activity.exists");
  refused({activity("", "C1", kMarch7), activity("", "D9", kMarch7)}, "activities[1].unit",
          "activity.unit.unknown");
  EXPECT_EQ(count(t, "SELECT COUNT(*) FROM activities"), 0);
  EXPECT_TRUE(s.activities.create_many(cli, {}).empty());

  std::vector<ActivityInput> programme{activity("A20260001", "C1", kMarch7),
                                       activity("", "C2", kMarch7 + kHour),
                                       activity("", "S1", kMarch7 + 2 * kHour)};
  programme[0].station = "C1-XSZ";
  programme[0].capacity = 30;
  std::vector<std::string> codes = s.activities.create_many(cli, programme);
  ASSERT_EQ(codes.size(), 3u);
  EXPECT_EQ(codes[0], "A20260001");
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 3u);
  Activity first = s.activities.get(cli, codes[0]);
  EXPECT_EQ(first.station, "C1-XSZ");
  EXPECT_EQ(first.capacity, 30);
  EXPECT_EQ(first.state, "planned");
  EXPECT_EQ(s.activities.get(cli, codes[2]).unit, "S1");
  std::set<std::string> tokens;
  for (const auto& code : codes) tokens.insert(s.activities.get(cli, code).qr_token);
  EXPECT_EQ(tokens.size(), 3u);
  EXPECT_EQ(s.activities.stations(cli, "C1", "2026H1").at(0).activities, 1);
  EXPECT_EQ(count(t, "SELECT COUNT(*) FROM audit_log WHERE action = 'activity.create_many'"), 1);
  EXPECT_EQ(count(t, "SELECT COUNT(*) FROM audit_log WHERE action = 'activity.create'"), 0);
  // A stored code refuses a later batch.
  refused({activity("", "C1", kMarch7), activity("A20260001", "C2", kMarch7)}, "activities[1].code",
          "activity.exists");
  EXPECT_EQ(count(t, "SELECT COUNT(*) FROM activities"), 3);
}

TEST_P(ActivityAttendanceTest, SheetsAreWrittenWholeOrNotAtAll) {
  store::TestDatabase t(GetParam());
  ManualClock clock(1780000000000);
  Services s(t.db(), clock);
  auto cli = Principal::cli();
  s.evaluation.import_bundle(cli, bundle::read_bundle(kBundle));
  std::vector<VolunteerInput> roster;
  for (int i = 0; i < 6; ++i) roster.push_back(person(i, i % 2 ? "C1" : "C2"));
  std::vector<std::string> v = s.volunteers.enter_many(cli, roster);
  std::string pending = s.volunteers.register_public(person(9, "C1")).code;

  ActivityInput clean;
  clean.unit = "S1";
  clean.type = "环境整治";
  clean.title = "背街小巷清洁";
  clean.starts_at = kMarch7;
  clean.ends_at = kMarch7 + 3 * kHour;
  std::string a = s.activities.create(cli, clean).code;
  ActivityInput small = clean;
  small.title = "助老服务";
  small.capacity = 2;
  std::string b = s.activities.create(cli, small).code;
  s.activities.sign_up(cli, b, v[0]);  // signed up by hand before the sheet: not signed up twice

  auto line = [&](const std::string& activity, const std::string& volunteer, TimeMs in, TimeMs out) {
    return AttendanceEntry{activity, volunteer, in, out, 0};
  };
  auto refused = [&](const std::vector<AttendanceEntry>& sheet, const std::string& field,
                     const std::string& key) {
    try {
      s.activities.enter_attendance(cli, sheet, true);
      ADD_FAILURE() << "a sheet with a bad line at " << field << " was entered";
    } catch (const Error& e) {
      EXPECT_EQ(e.field(), field);
      EXPECT_EQ(e.key().key, key);
    }
  };
  TimeMs in = kMarch7 - 10 * 60000;
  refused({line(a, v[0], in, in + kHour), line(a, v[1], in + kHour, in)}, "entries[1].check_out",
          "service_record.times.invalid");
  refused({line(a, v[0], in, in + kHour), line("A00000000", v[1], in, in + kHour)}, "entries[1].activity",
          "activity.not_found");
  refused({line(a, pending, in, in + kHour)}, "entries[0].volunteer", "volunteer.not_confirmed");
  refused({line(a, "V00000000", in, in + kHour)}, "entries[0].volunteer", "volunteer.not_found");
  refused({line(a, v[0], in, in + kHour), line(b, v[1], in, in + kHour), line(a, v[0], in, in + 2 * kHour)},
          "entries[2].volunteer", "service_record.checked_in");
  // b holds two: v[0] (signed up by hand) and one more.
  refused({line(b, v[0], in, in + kHour), line(b, v[1], in, in + kHour), line(b, v[2], in, in + kHour)},
          "entries[2].volunteer", "activity.full");
  EXPECT_THROW(s.activities.enter_attendance(cli, {}, true), InvalidInput);
  EXPECT_EQ(count(t, "SELECT COUNT(*) FROM service_records"), 0);
  EXPECT_EQ(count(t, "SELECT COUNT(*) FROM activity_signups"), 1);

  // 2 h 50 min → 2.5 h; past the activity's end → its length, 3 h.
  std::vector<AttendanceEntry> sheet{line(a, v[0], in, in + 170 * 60000), line(a, v[1], in, in + 5 * kHour),
                                     line(b, v[0], in, in + kHour), line(b, v[3], in, in + 2 * kHour)};
  EXPECT_EQ(s.activities.enter_attendance(cli, sheet, true), 4);
  EXPECT_DOUBLE_EQ(s.volunteers.get(cli, v[0]).hours, 3.5);
  EXPECT_DOUBLE_EQ(s.volunteers.get(cli, v[1]).hours, 3);
  Activity got = s.activities.get(cli, b);
  EXPECT_EQ(got.signup_count, 2);
  ASSERT_EQ(got.records.size(), 2u);
  for (const auto& r : got.records) {
    EXPECT_EQ(r.state, "approved");
    EXPECT_EQ(r.entered_by, "cli");
    EXPECT_EQ(r.decided_by, "cli");
    EXPECT_EQ(r.check_in, in);
    EXPECT_TRUE(r.latest);
  }
  EXPECT_EQ(count(t, "SELECT COUNT(*) FROM audit_log WHERE action = 'service_record.enter_many'"), 1);
  // A record that exists refuses a later sheet.
  refused({line(a, v[4], in, in + kHour), line(a, v[1], in, in + kHour)}, "entries[1].volunteer",
          "service_record.checked_in");

  // Pending: the organiser approves them afterwards, as any checked-out record.
  EXPECT_EQ(s.activities.enter_attendance(cli, {line(a, v[4], in, in + 2 * kHour)}, false), 1);
  EXPECT_DOUBLE_EQ(s.volunteers.get(cli, v[4]).hours, 0);
  long long id = 0;
  for (const auto& r : s.activities.get(cli, a).records)
    if (r.volunteer == v[4]) {
      EXPECT_EQ(r.state, "pending");
      EXPECT_TRUE(r.decided_by.empty());
      id = r.id;
    }
  s.activities.decide_records(cli, a, {id}, "approve");
  EXPECT_DOUBLE_EQ(s.volunteers.get(cli, v[4]).hours, 2);
  EXPECT_EQ(count(t, "SELECT COUNT(*) FROM service_records"), 5);
  EXPECT_TRUE(s.audit.verify(cli).ok);
}

}  // namespace
}  // namespace civic::service
