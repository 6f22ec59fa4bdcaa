#include <algorithm>
#include <string>
#include <vector>

#include "demo/core/demo_city.h"

namespace civic::demo {

void build_demo_users(DemoContext& c) {
  struct Account {
    std::string username, display_name, unit;
    Role role;
  };
  std::string city = kDemoCityCode;
  std::vector<Account> accounts = {
      {"admin", "系统管理员", city, Role::system_admin},
      {"security", "安全管理员", city, Role::security_admin},
      {"auditor", "审计管理员", city, Role::audit_admin},
      {"office", "市创文办", city, Role::office},
      {"leader", "市领导", city, Role::leader},
      {"huimao", "互贸区联络员", kHuimaoCode, Role::unit_officer},
      {"jiedao", "海关街道联络员", std::string(kHuimaoCode) + "-S01", Role::unit_officer},
      // 统计局's officer reports its statistics (数据填报) for the city and every district.
      {"tongji", "统计局联络员", city + "-TJJ", Role::unit_officer},
  };
  const char* numerals[] = {"一", "二", "三", "四", "五"};
  for (int i = 1; i <= 5; ++i) {
    accounts.push_back(
        {"inspector" + std::to_string(i), std::string("测评员") + numerals[i - 1], city, Role::inspector});
  }
  c.out << "  demo accounts (password " << kDemoPassword << "):\n";
  for (const Account& a : accounts) {
    c.services.users.add(c.actor, {a.username, a.display_name, a.unit, {a.role}, std::string(kDemoPassword)});
    c.out << "    " << a.username << std::string(12 - std::min<size_t>(11, a.username.size()), ' ')
          << role_name(a.role) << " @ " << a.unit << "\n";
  }
}

}  // namespace civic::demo
