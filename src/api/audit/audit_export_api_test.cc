// The audit trail as a file (GET /api/audit/export) on both backends: the rows the list has for the same
// filter, Chinese headings, local times and role names; CSV too; only the audit admin, and a refusal is
// itself audited; every download recorded as audit.export.
#include <gtest/gtest.h>

#include "api/core/api_test_city.h"
#include "platform/spreadsheet.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;

class AuditExportApi : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(AuditExportApi);

long long audit_total(ApiCity& city, const std::string& action) {
  return city.services().audit.list(service::Principal::cli(), {"", action, "", "", 0, 0}, {1, 1}).total;
}

TEST_P(AuditExportApi, TheFilteredTrailDownloadsAsExcelForTheAuditAdminOnly) {
  ApiCity city(GetParam());
  long long users_created = audit_total(city, "user.create");
  ASSERT_GT(users_created, 3);  // the fixture's accounts

  Reply xlsx = city.as("audit_admin", "GET", "/api/audit/export?format=xlsx&action=user.create");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body.substr(0, 300);
  EXPECT_EQ(xlsx.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  platform::Cells cells = platform::read_xlsx(xlsx.body);
  ASSERT_EQ(static_cast<long long>(cells.size()), users_created + 1);
  EXPECT_EQ(cells[0], (std::vector<std::string>{"序号", "时间", "操作人", "角色", "所属单位", "来源地址",
                                                "操作", "对象类型", "对象编号", "变更前", "变更后"}));
  bool found_target = false;
  long long previous_seq = 0;
  for (std::size_t i = 1; i < cells.size(); ++i) {
    EXPECT_EQ(cells[i][6], "user.create");
    EXPECT_EQ(cells[i][1].size(), 19u) << cells[i][1];  // YYYY-MM-DD hh:mm:ss, local
    long long seq = std::stoll(cells[i][0]);
    if (previous_seq) {
      EXPECT_LT(seq, previous_seq);  // newest first
    }
    previous_seq = seq;
    if (cells[i][8] == "target2") {
      found_target = true;
      EXPECT_NE(cells[i][10].find("D2-S1"), std::string::npos) << cells[i][10];
    }
  }
  EXPECT_TRUE(found_target);
  // The fixture's clock is 2026-03-01T00:00:00Z: 08:00 in the business time zone (UTC+8).
  EXPECT_EQ(cells[1][1], "2026-03-01 08:00:00");
  EXPECT_EQ(audit_total(city, "audit.export"), 1);

  // The export of the exports: the first one is in it, with the admin's role in Chinese and the count.
  Reply csv =
      city.as("audit_admin", "GET", "/api/audit/export?format=csv&action=audit.export&actor=audit_admin");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF序号,时间,操作人,角色,")) << csv.body.substr(0, 80);
  EXPECT_NE(csv.body.find("审计管理员"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("user.create"), std::string::npos) << csv.body;  // the first export's filter
  EXPECT_NE(csv.body.find(std::to_string(users_created)), std::string::npos) << csv.body;
  EXPECT_EQ(audit_total(city, "audit.export"), 2);

  // The same filters as the list: an empty window, a bad window, a bad format.
  Reply empty = city.as("audit_admin", "GET", "/api/audit/export?format=xlsx&from=2030-01-01");
  ASSERT_EQ(empty.status, 200);
  EXPECT_EQ(platform::read_xlsx(empty.body).size(), 1u);
  EXPECT_EQ(city.as("audit_admin", "GET", "/api/audit/export?from=2026-03-02&to=2026-03-01").status, 400);
  EXPECT_EQ(city.as("audit_admin", "GET", "/api/audit/export?format=pdf").status, 400);
  EXPECT_EQ(audit_total(city, "audit.export"), 3);

  // 三员分立: nobody else reads the trail, and the refusal is recorded.
  long long denied = audit_total(city, "permission.denied");
  for (const char* who : {"office", "system_admin", "security_admin", "leader"}) {
    EXPECT_EQ(city.as(who, "GET", "/api/audit/export?format=csv").status, 403) << who;
  }
  EXPECT_EQ(audit_total(city, "permission.denied"), denied + 4);
  EXPECT_EQ(audit_total(city, "audit.export"), 3);
}

}  // namespace
}  // namespace civic::api
