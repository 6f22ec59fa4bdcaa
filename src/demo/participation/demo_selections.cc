// Demo step "selections" (demo_city.h), every change through SelectionService as the account that makes it:
//   - the panel: pingshen1…3 (评审专家, inspector role) at 文明办. A reviewer may not score a candidate of
//   their
//     own unit or one below it (selection_service.h), so the office and the inspectors, who sit at the city
//     root, cannot score anyone; a unit beside the candidates' can.
//   - 2026 年度文明家庭 (kDemoFamilySelection): seven families nominated by 互贸区 (huimao), its 海关街道
//     (jiedao) and the office, reviewed by a unit above each, scored by the panel, six in public notice since
//     the build (7 days) and one withdrawn at review; a citizen's objection against one of them is open, so
//     that one cannot be approved until the office resolves it.
//   - 2025 年度文明单位 (kDemoUnitSelection): five units through every stage to the honour roll; its dates
//   are
//     those of the 2025 campaign (nominations in October, the notice from 1 December, named on 26 December):
//     the service stamps each step with the build's time, so the steps are then moved to those dates in the
//     stored rows (the audit log keeps when the demo wrote them).
#include <soci/soci.h>

#include <map>
#include <string>
#include <vector>

#include "demo/core/demo_city.h"
#include "domain/core/civil_date.h"
#include "domain/core/civil_time.h"
#include "domain/participation/selection.h"

namespace civic::demo {

namespace {

constexpr TimeMs kHour = 3'600'000;

TimeMs at(const char* date, int hour) {
  return start_of_day(*parse_iso_date(date)) + hour * kHour;
}

class SelectionBuilder {
 public:
  explicit SelectionBuilder(DemoContext& c) : c_(c), s_(c.services), random_(kDemoSeed + 18) {}

  void build() {
    office_ = as("office");
    huimao_ = as("huimao");
    jiedao_ = as("jiedao");
    add_panel();
    families();
    units();
  }

 private:
  // The account's principal, as its sign-in would make it.
  service::Principal as(const std::string& username) {
    User u = s_.users.get(c_.actor, username);
    service::Principal p;
    p.user_id = u.id;
    p.username = u.username;
    p.unit_id = u.unit_id;
    p.unit_code = u.unit_code;
    p.unit_path = s_.units.get(c_.actor, u.unit_code).path;
    p.roles = u.roles;
    return p;
  }

  void add_panel() {
    const std::string unit = std::string(kDemoCityCode) + "-WMB";
    const char* numerals[] = {"一", "二", "三"};
    for (int i = 1; i <= 3; ++i) {
      std::string name = "pingshen" + std::to_string(i);
      s_.users.add(c_.actor, {name,
                              std::string("评审专家") + numerals[i - 1],
                              unit,
                              {Role::inspector},
                              std::string(kDemoPassword)});
      c_.out << "    " << name << std::string(12 - name.size(), ' ') << role_name(Role::inspector) << " @ "
             << unit << " (selection panel)\n";
      panel_.push_back(as(name));
    }
  }

  // Each reviewer's sheet: most points, a little less here and there.
  void score(const service::Selection& selection, const std::string& candidate, int strength) {
    for (const auto& reviewer : panel_) {
      std::map<std::string, double> points;
      for (const auto& c : selection.criteria) {
        double lost = static_cast<double>(random_.between(0, 6 - strength)) * 0.5 * c.max_points / 10;
        points[c.code] = c.max_points - lost;
      }
      s_.selections.act(reviewer, candidate, "score", points, "");
    }
  }

  void families() {
    service::SelectionInput in;
    in.code = kDemoFamilySelection;
    in.kind = "civilized_family";
    in.title = "2026 年度青川市文明家庭";
    in.period = "2026";
    in.quota = 10;
    in.notice_days = 7;
    in.term_years = 3;
    in.criteria = {{"F1", "爱国守法、遵德守礼", 20},
                   {"F2", "家风家教良好，尊老爱幼、孝老爱亲", 25},
                   {"F3", "邻里和睦，热心公益和志愿服务", 25},
                   {"F4", "勤俭节约，践行垃圾分类和绿色生活", 15},
                   {"F5", "移风易俗，文明婚丧", 15}};
    service::Selection selection = s_.selections.create(office_, in);
    struct Family {
      const char* name;
      std::string unit;  // the household's community
      const service::Principal* nominator;
      const char* materials;
      int strength;  // 1..6: how well the panel scores it
    };
    std::string hm = kHuimaoCode;
    std::vector<Family> families = {
        {"王建国家庭", hm + "-S01-C01", &jiedao_,
         "三代同堂，常年照顾邻里孤寡老人；全家参加海关社区志愿服务队。", 6},
        {"李秀英家庭", hm + "-S01-C02", &jiedao_, "热心社区公益，组织楼栋垃圾分类督导。", 5},
        {"张明华家庭", hm + "-S03-C01", &huimao_, "经营商户诚信经营，家风家训上墙。", 4},
        {"刘桂英家庭", hm + "-S02-C01", &huimao_, "婚事新办、丧事简办，带动邻里移风易俗。", 5},
        {"陈志强家庭", first_community("DC"), &office_, "夫妻双方均为注册志愿者，累计服务时长逾千小时。", 6},
        {"杨晓燕家庭", first_community("XC"), &office_, "孝老爱亲，照顾瘫痪婆婆十余年。", 5},
        {"赵浩然家庭", first_community("NH"), &office_, "材料中的获奖证书待核实。", 3},
    };
    int in_notice = 0;
    std::string objected;
    for (const Family& f : families) {
      if (f.unit.empty()) continue;
      service::SelectionCandidate c =
          s_.selections.nominate(*f.nominator, selection.code, {f.name, f.unit, f.materials});
      if (f.strength < 4) {
        s_.selections.act(office_, c.code, "withdraw", {}, "初审未通过：获奖证书无法核实");
        continue;
      }
      // The preliminary review by the nominator: a street, the district or the office, each strictly above
      // the family's community.
      s_.selections.act(*f.nominator, c.code, "review", {}, "初审通过");
      score(selection, c.code, f.strength);
      s_.selections.act(office_, c.code, "start-notice", {}, "");
      ++in_notice;
      if (std::string(f.name) == "张明华家庭") objected = c.code;
    }
    // A citizen's objection on the public notice page, not yet resolved.
    if (!objected.empty()) {
      s_.selections.lodge_objection(
          selection.code,
          {objected, "该户长期占用楼道堆放杂物，邻里多次反映未改，与文明家庭标准不符，请核实。", "周先生",
           "13912345678"});
    }
    c_.out << "  selections: " << selection.code << " (" << selection.title << ") with " << in_notice
           << " families in public notice, 1 open objection\n";
  }

  void units() {
    service::SelectionInput in;
    in.code = kDemoUnitSelection;
    in.kind = "civilized_unit";
    in.title = "2025 年度青川市文明单位";
    in.period = "2025";
    in.quota = 5;
    in.notice_days = 7;
    in.term_years = 3;
    in.criteria = {{"U1", "思想道德建设和理论学习", 25},
                   {"U2", "组织领导和制度建设", 20},
                   {"U3", "志愿服务和文明实践", 20},
                   {"U4", "文明环境和优质服务", 20},
                   {"U5", "诚信守法和廉洁自律", 15}};
    service::Selection selection = s_.selections.create(office_, in);
    std::string city = kDemoCityCode;
    struct Candidate {
      std::string name, unit;
      const service::Principal* nominator;
      int strength;
    };
    std::vector<Candidate> candidates = {
        {"青川市交通局", city + "-JTJ", &office_, 6},
        {"青川市教育局", city + "-JYJ", &office_, 5},
        {"青川市卫生健康委员会", city + "-WJW", &office_, 5},
        {"青川市水务局", city + "-SWUJ", &office_, 4},
        {"互贸区市场管理处", std::string(kHuimaoCode) + "-SCGLC", &huimao_, 5},
    };
    std::vector<std::string> codes;
    for (const Candidate& k : candidates) {
      auto c = s_.selections.nominate(*k.nominator, selection.code,
                                      {k.name, k.unit, "年度创建工作总结及佐证材料"});
      s_.selections.act(*k.nominator, c.code, "review", {}, "初审通过");
      score(selection, c.code, k.strength);
      s_.selections.act(office_, c.code, "start-notice", {}, "");
      codes.push_back(c.code);
    }
    // The notice began on 1 December 2025; it has ended.
    TimeMs notice = at("2025-12-01", 9);
    s_.db.transact([&](soci::session& sql) {
      long long started = notice;
      sql << "UPDATE selection_candidates SET notice_started_at = :n WHERE selection_id = (SELECT id FROM "
             "selections WHERE code = :s)",
          soci::use(started), soci::use(selection.code);
    });
    for (const auto& code : codes) {
      s_.selections.act(office_, code, "approve", {}, "公示期满无异议");
      s_.selections.act(office_, code, "name", {}, "青文明委〔2025〕12 号");
    }
    into_the_past(selection.code, notice);
    c_.out << "  selections: " << selection.code << " (" << selection.title << ") finished, " << codes.size()
           << " units named, on the honour roll\n";
  }

  // The 2025 campaign's dates for what the service stamped with the build's time.
  void into_the_past(const std::string& selection, TimeMs notice) {
    long long created = at("2025-09-01", 9), named = at("2025-12-26", 10);
    long long valid = title_term_end(named, 3);
    const std::pair<const char*, long long> stages[] = {
        {"nominated", at("2025-10-15", 10)}, {"reviewed", at("2025-11-03", 15)},
        {"scored", at("2025-11-20", 16)},    {"in_notice", notice},
        {"approved", at("2025-12-15", 10)},  {"named", named},
    };
    std::string candidates =
        "(SELECT c.id FROM selection_candidates c JOIN selections s ON s.id = c.selection_id WHERE s.code = "
        ":s)";
    s_.db.transact([&](soci::session& sql) {
      long long nomination = at("2025-10-20", 18), review = at("2025-11-05", 18),
                scoring = at("2025-11-25", 18);
      sql << "UPDATE selections SET created_at = :c, nomination_deadline = :n, review_deadline = :r,"
             " scoring_deadline = :g WHERE code = :s",
          soci::use(created), soci::use(nomination), soci::use(review), soci::use(scoring),
          soci::use(selection);
      long long nominated = stages[0].second;
      sql << "UPDATE selection_candidates SET created_at = :c, named_at = :n, title_valid_until = :v,"
             " updated_at = :u WHERE id IN " +
                 candidates,
          soci::use(nominated), soci::use(named), soci::use(valid), soci::use(named), soci::use(selection);
      for (const auto& [stage, when] : stages) {
        long long t = when;
        std::string to = stage;
        sql << "UPDATE selection_candidate_events SET at = :t WHERE to_stage = :st AND candidate_id IN " +
                   candidates,
            soci::use(t), soci::use(to), soci::use(selection);
      }
      long long scored = stages[2].second - 2 * kHour;
      sql << "UPDATE selection_scores SET scored_at = :t WHERE candidate_id IN " + candidates,
          soci::use(scored), soci::use(selection);
    });
  }

  std::string first_community(const std::string& district) {
    for (const Unit& street : s_.units.children(c_.actor, district))
      for (const Unit& k : s_.units.children(c_.actor, street.code))
        if (k.type == UnitType::community) return k.code;
    return "";
  }

  DemoContext& c_;
  service::Services& s_;
  DemoRandom random_;  // its own: adding this step leaves the sequences of the other steps unchanged
  service::Principal office_, huimao_, jiedao_;
  std::vector<service::Principal> panel_;
};

}  // namespace

void build_demo_selections(DemoContext& context) {
  SelectionBuilder(context).build();
}

}  // namespace civic::demo
