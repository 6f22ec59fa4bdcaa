// VolunteerService::enter_many on a real database (both backends): a roster is written whole, confirmed and
// sealed, with one audit record; a bad entry, an ID number twice in the roster or one registered already
// refuses the whole roster naming the entry, and nothing is stored.
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

std::string id_number(int n) {
  std::string first17 = "33010219900101" + std::to_string(100 + n);
  return first17 + id_number_check_character(first17);
}

VolunteerInput person(int n, const std::string& unit) {
  return {"志愿者" + std::to_string(n),
          "1380000" + std::to_string(1000 + n),
          id_number(n),
          unit,
          {"文明劝导"},
          "周末"};
}

class VolunteerRosterTest : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(VolunteerRosterTest);

long long stored(store::TestDatabase& t) {
  long long n = -1;
  auto l = t.db().lease();
  *l << "SELECT COUNT(*) FROM volunteers", soci::into(n);
  return n;
}

TEST_P(VolunteerRosterTest, ARosterIsWrittenWholeOrNotAtAll) {
  store::TestDatabase t(GetParam());
  ManualClock clock(1780000000000);
  Services s(t.db(), clock);
  auto cli = Principal::cli();
  s.evaluation.import_bundle(cli, bundle::read_bundle(kBundle));

  std::vector<VolunteerInput> bad{person(1, "C1"), person(2, "C1"), person(3, "C2")};
  bad[2].phone = "2380000";
  try {
    s.volunteers.enter_many(cli, bad);
    FAIL() << "a bad phone was entered";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "volunteers[2].phone");
  }
  std::vector<VolunteerInput> twice{person(1, "C1"), person(2, "C2"), person(1, "C2")};
  try {
    s.volunteers.enter_many(cli, twice);
    FAIL() << "an ID number twice in the roster was entered";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.field(), "volunteers[2].id_number");
    EXPECT_EQ(e.key().key, "volunteer.id_number.duplicate");
  }
  std::vector<VolunteerInput> street{person(1, "S1")};
  EXPECT_THROW(s.volunteers.enter_many(cli, street), InvalidInput);  // not a community
  EXPECT_EQ(stored(t), 0);

  std::vector<VolunteerInput> good;
  for (int i = 0; i < 40; ++i) good.push_back(person(i, i % 2 ? "C1" : "C2"));
  std::vector<std::string> codes = s.volunteers.enter_many(cli, good);
  ASSERT_EQ(codes.size(), 40u);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 40u);
  EXPECT_EQ(stored(t), 40);
  Volunteer v = s.volunteers.get(cli, codes[7], "id_number");
  EXPECT_EQ(v.state, "confirmed");
  EXPECT_EQ(v.unit, "C1");
  EXPECT_EQ(v.id_number, id_number(7));
  EXPECT_EQ(v.name, "志愿者7");
  EXPECT_EQ(s.volunteers.list(cli, {"confirmed", "C2", "", ""}, {1, 100}).total, 20);
  {
    auto l = t.db().lease();
    long long records = 0, plain = -1;
    *l << "SELECT COUNT(*) FROM audit_log WHERE action = 'volunteer.enter_many'", soci::into(records);
    *l << "SELECT COUNT(*) FROM volunteers WHERE phone_sealed LIKE '%13800001007%'", soci::into(plain);
    EXPECT_EQ(records, 1);
    EXPECT_EQ(plain, 0);
  }
  // One of a new roster registered already: the whole roster is refused.
  std::vector<VolunteerInput> again{person(100, "C1"), person(5, "C2")};
  try {
    s.volunteers.enter_many(cli, again);
    FAIL() << "a registered ID number was entered again";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.field(), "volunteers[1].id_number");
  }
  EXPECT_EQ(stored(t), 40);
}

}  // namespace
}  // namespace civic::service
