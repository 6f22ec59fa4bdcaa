// The national volunteer sheet over real HTTP (both backends): GET /api/service-records/export answers a
// period's approved service records — the latest version of each, in the office's scope — in the layout of
// the national volunteer information system, with the name and ID number in full and the times in the
// business time zone; a pending record, another period and another district's activity are not in it; a
// unit officer (no reveal_personal_data) is refused; a period is required; every export is audited without
// the personal data it carried.
#include <gtest/gtest.h>

#include "api/core/api_test_city.h"
#include "domain/participation/test_id_number.h"
#include "platform/spreadsheet.h"
#include "service/participation/national_volunteer_sheet.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;

constexpr TimeMs kHour = 3600000;
constexpr TimeMs kMarch1 = 1'772'323'200'000;  // 2026-03-01T00:00:00Z = 08:00 in Beijing

class NationalSheetApi : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    city_ = std::make_unique<ApiCity>(GetParam());
    service::Principal cli = service::Principal::cli();
    city_->services().units.create(cli,
                                   {"D1-C1", "海关社区", "Customs", UnitType::community, "D1-S1", 5000, 1});
    city_->services().units.create(cli, {"D2-C1", "河西社区", "Hexi", UnitType::community, "D2-S1", 5000, 1});
  }
  std::string volunteer(int n, const std::string& name, const std::string& unit) {
    Reply r = city_->as("", "POST", "/api/public/volunteers",
                        R"({"name":")" + name + R"(","phone":"138123412)" + std::to_string(10 + n) +
                            R"(","id_number":")" + test_id_number(n) + R"(","unit":")" + unit + R"("})");
    EXPECT_EQ(r.status, 201) << r.body;
    std::string code(ApiCity::parse(r).at("code").as_string());
    EXPECT_EQ(city_->as("cli-office", "POST", "/api/volunteers/" + code + "/actions/confirm", "{}").status,
              200);
    return code;
  }
  // An activity of `unit` by `organiser` from `start` for 3 hours; its code.
  std::string activity(const std::string& organiser, const std::string& unit, TimeMs start) {
    Reply r = city_->as(organiser, "POST", "/api/activities",
                        R"({"unit":")" + unit + R"(","type":"环境整治","title":"清洁家园","starts_at":")" +
                            format_rfc3339(start) + R"(","ends_at":")" + format_rfc3339(start + 3 * kHour) +
                            R"(","place":"中心广场"})");
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(ApiCity::parse(r).at("code").as_string());
  }
  // Signs `v` up, checks them in at `in` and out at `out` by hand; approves the record when asked.
  long long serve(const std::string& organiser, const std::string& code, const std::string& v, TimeMs in,
                  TimeMs out, bool approve) {
    std::string base = "/api/activities/" + code + "/actions/";
    EXPECT_EQ(city_->as(organiser, "POST", base + "sign-up", R"({"volunteer":")" + v + "\"}").status, 200);
    EXPECT_EQ(city_
                  ->as(organiser, "POST", base + "check-in",
                       R"({"volunteer":")" + v + R"(","at":")" + format_rfc3339(in) + "\"}")
                  .status,
              200);
    Reply o = city_->as(organiser, "POST", base + "check-out",
                        R"({"volunteer":")" + v + R"(","at":")" + format_rfc3339(out) + "\"}");
    EXPECT_EQ(o.status, 200) << o.body;
    long long id = ApiCity::parse(o).at("id").as_int64();
    if (approve) {
      Reply a = city_->as(organiser, "POST", base + "approve-records",
                          R"({"records":[)" + std::to_string(id) + R"(],"decision":"approve"})");
      EXPECT_EQ(a.status, 200) << a.body;
    }
    return id;
  }
  platform::Cells sheet(const std::string& query) {
    Reply r = city_->as("office", "GET", "/api/service-records/export?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? platform::read_xlsx(r.body) : platform::Cells{};
  }
  std::unique_ptr<ApiCity> city_;
};
CIVIC_INSTANTIATE_BACKENDS(NationalSheetApi);

TEST_P(NationalSheetApi, TheOfficeGetsTheApprovedRecordsOfThePeriodInFull) {
  city_->add_person("cli-office", "CITY", Role::office);  // confirms volunteers of both districts
  std::string a = volunteer(1, "张三明", "D1-C1"), b = volunteer(2, "李四", "D1-C1");
  std::string c = volunteer(3, "王五", "D2-C1");
  std::string march = activity("target1", "D1-S1", kMarch1 + kHour);  // 09:00 Beijing
  long long served = serve("target1", march, a, kMarch1 + kHour + 5 * 60000, kMarch1 + 3 * kHour + 40 * 60000,
                           true);                                               // 2 h 35 min → 2.5 h
  serve("target1", march, b, kMarch1 + kHour, kMarch1 + 3 * kHour, false);      // pending: not exported
  std::string july = activity("target1", "D1-S1", kMarch1 + 130 * 24 * kHour);  // in 2026H2
  serve("target1", july, b, kMarch1 + 130 * 24 * kHour, kMarch1 + 130 * 24 * kHour + kHour, true);
  std::string other = activity("target2", "D2-S1", kMarch1 + 2 * kHour);  // D2: outside the office's D1
  serve("target2", other, c, kMarch1 + 2 * kHour, kMarch1 + 3 * kHour, true);

  platform::Cells cells = sheet("period=2026H1");
  ASSERT_EQ(cells.size(), 2u);  // the header and the one approved record of D1 in H1
  EXPECT_EQ(cells[0], service::NationalVolunteerSheet::header());
  const auto& row = cells[1];
  auto at = [&](const std::string& column) {
    auto& head = cells[0];
    auto i = std::find(head.begin(), head.end(), column);
    EXPECT_NE(i, head.end()) << column;
    return i == head.end() ? std::string() : row[static_cast<size_t>(i - head.begin())];
  };
  EXPECT_EQ(at("序号"), "1");
  EXPECT_EQ(at("姓名"), "张三明");
  EXPECT_EQ(at("证件类型"), "居民身份证");
  EXPECT_EQ(at("证件号码"), test_id_number(1));  // in full, a text cell (never 1.1E+17)
  EXPECT_EQ(at("手机号码"), "13812341211");
  EXPECT_EQ(at("活动名称"), "清洁家园");
  EXPECT_EQ(at("服务类别"), "环境整治");
  EXPECT_EQ(at("服务开始时间"), "2026-03-01 09:05");
  EXPECT_EQ(at("服务结束时间"), "2026-03-01 11:40");
  EXPECT_EQ(at("服务时长（小时）"), "2.5");
  EXPECT_EQ(at("记录人"), "target1");
  EXPECT_EQ(at("活动编号"), march);
  EXPECT_EQ(at("记录编号"), std::to_string(served));

  EXPECT_EQ(sheet("period=2026H2").size(), 2u);  // the July record only
  EXPECT_EQ(sheet("period=2026H1&unit=D1-S1").size(), 2u);
  Reply outside = city_->as("office", "GET", "/api/service-records/export?period=2026H1&unit=D2-S1");
  EXPECT_EQ(outside.status, 400);
  EXPECT_EQ(ApiCity::parse(outside).at("error").at("key"), "activity.unit.unknown");

  // The audit says who exported how many, never the ID numbers.
  auto lease = city_->database().lease();
  long long n = 0;
  std::string details;
  *lease << "SELECT COUNT(*) FROM audit_log WHERE action = 'service_record.export_national'", soci::into(n);
  EXPECT_EQ(n, 3);  // the refused one answered 400 before anything was read
  *lease << "SELECT after_json FROM audit_log WHERE action = 'service_record.export_national' ORDER BY seq"
            " LIMIT 1",
      soci::into(details);
  EXPECT_NE(details.find("\"records\":1"), std::string::npos) << details;
  EXPECT_EQ(details.find(test_id_number(1)), std::string::npos) << details;
}

TEST_P(NationalSheetApi, ItIsForTheOfficeAndNeedsAPeriod) {
  Reply officer = city_->as("target1", "GET", "/api/service-records/export?period=2026H1");
  EXPECT_EQ(officer.status, 403) << officer.body;
  Reply leader = city_->as("leader", "GET", "/api/service-records/export?period=2026H1");
  EXPECT_EQ(leader.status, 403) << leader.body;
  Reply none = city_->as("office", "GET", "/api/service-records/export");
  EXPECT_EQ(none.status, 400);
  EXPECT_EQ(ApiCity::parse(none).at("error").at("key"), "activity.period.required");
  Reply csv = city_->as("office", "GET", "/api/service-records/export?period=2026H1&format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("证件号码"), std::string::npos);
}

}  // namespace
}  // namespace civic::api
