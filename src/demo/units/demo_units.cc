#include <algorithm>
#include <string>
#include <vector>

#include "demo/core/demo_city.h"
#include "service/core/json_text.h"
#include "store/units/unit_repository.h"

namespace civic::demo {

namespace {

struct Name {
  const char* zh;
  const char* en;
};

// Street and community name stems (with their pinyin) the generator draws from.
const Name kStems[] = {
    {"和平", "Heping"},    {"建设", "Jianshe"},   {"解放", "Jiefang"},   {"人民", "Renmin"},
    {"胜利", "Shengli"},   {"新华", "Xinhua"},    {"光明", "Guangming"}, {"幸福", "Xingfu"},
    {"长青", "Changqing"}, {"滨河", "Binhe"},     {"东湖", "Donghu"},    {"西山", "Xishan"},
    {"南苑", "Nanyuan"},   {"北辰", "Beichen"},   {"朝阳", "Chaoyang"},  {"文化", "Wenhua"},
    {"园林", "Yuanlin"},   {"金桥", "Jinqiao"},   {"锦绣", "Jinxiu"},    {"翠屏", "Cuiping"},
    {"春晖", "Chunhui"},   {"兴隆", "Xinglong"},  {"振兴", "Zhenxing"},  {"永安", "Yong'an"},
    {"太平", "Taiping"},   {"繁荣", "Fanrong"},   {"团结", "Tuanjie"},   {"育才", "Yucai"},
    {"康乐", "Kangle"},    {"安居", "Anju"},      {"丰收", "Fengshou"},  {"湖滨", "Hubin"},
    {"桃园", "Taoyuan"},   {"柳岸", "Liu'an"},    {"松涛", "Songtao"},   {"枫林", "Fenglin"},
    {"梧桐", "Wutong"},    {"星河", "Xinghe"},    {"明珠", "Mingzhu"},   {"青云", "Qingyun"},
    {"红星", "Hongxing"},  {"紫荆", "Zijing"},    {"玉泉", "Yuquan"},    {"清河", "Qinghe"},
    {"银杏", "Yinxing"},   {"凤凰", "Fenghuang"}, {"龙湾", "Longwan"},   {"白塔", "Baita"},
};
const Name kCommunitySuffixes[] = {
    {"", ""}, {"里", " Li"}, {"苑", " Yuan"}, {"新村", " Xincun"}, {"家园", " Jiayuan"}, {"花园", " Garden"}};

struct DistrictPlan {
  const char* code;
  Name name;
  int streets;
};

// 互贸区 first: its streets and communities include the ones the half-year summary names.
const DistrictPlan kDistricts[] = {
    {"HM", {"互贸区", "Huimao District"}, 4},  {"DC", {"东城区", "Dongcheng District"}, 8},
    {"XC", {"西城区", "Xicheng District"}, 8}, {"NH", {"南湖区", "Nanhu District"}, 7},
    {"BS", {"北山区", "Beishan District"}, 7}, {"GX", {"高新区", "Gaoxin District"}, 6},
};

// 互贸区's own streets (街道办事处) and communities; the rest of the city is generated.
const Name kHuimaoStreets[] = {{"海关街道", "Haiguan Subdistrict"},
                               {"口岸街道", "Kou'an Subdistrict"},
                               {"商贸街道", "Shangmao Subdistrict"},
                               {"国门街道", "Guomen Subdistrict"}};
const std::vector<std::vector<Name>> kHuimaoCommunities = {
    {{"海关社区", "Haiguan Community"},
     {"联检社区", "Lianjian Community"},
     {"国贸社区", "Guomao Community"},
     {"边城社区", "Biancheng Community"},
     {"友谊社区", "Youyi Community"}},
    {{"口岸社区", "Kou'an Community"},
     {"通商社区", "Tongshang Community"},
     {"货场社区", "Huochang Community"},
     {"站前社区", "Zhanqian Community"}},
    {{"商贸城社区", "Shangmaocheng Community"},
     {"步行街社区", "Buxingjie Community"},
     {"农贸社区", "Nongmao Community"},
     {"金街社区", "Jinjie Community"},
     {"新市社区", "Xinshi Community"}},
    {{"国门社区", "Guomen Community"},
     {"界河社区", "Jiehe Community"},
     {"封闭区社区", "Fengbiqu Community"},
     {"文体社区", "Wenti Community"}},
};

// The departments 互贸区's summary names (code suffix, name).
const struct {
  const char* code;
  Name name;
} kHuimaoDepartments[] = {
    {"DWGZB", {"党委工作部", "Party Committee Work Department"}},
    {"SCGLC", {"市场管理处", "Market Management Office"}},
    {"HWC", {"环卫处", "Sanitation Office"}},
    {"QGB", {"群工部", "Mass Work Department"}},
    {"SFJ", {"社发局", "Social Development Bureau"}},
};

const struct {
  const char* code;
  Name name;
} kCityDepartments[] = {
    {"CWB", {"创文办", "Civilized City Campaign Office"}},
    {"WMB", {"文明办", "Civilization Office"}},
    {"XCB", {"宣传部", "Publicity Department"}},
    {"CGJ", {"城管局", "Urban Management Bureau"}},
    {"JTJ", {"交通局", "Transport Bureau"}},
    {"SCJGJ", {"市场监管局", "Market Regulation Bureau"}},
    {"GAJ", {"公安局", "Public Security Bureau"}},
    {"JJZD", {"交警支队", "Traffic Police Detachment"}},
    {"JYJ", {"教育局", "Education Bureau"}},
    {"WJW", {"卫健委", "Health Commission"}},
    {"ZJJ", {"住建局", "Housing and Construction Bureau"}},
    {"STHJJ", {"生态环境局", "Ecology and Environment Bureau"}},
    {"MZJ", {"民政局", "Civil Affairs Bureau"}},
    {"WLJ", {"文旅局", "Culture and Tourism Bureau"}},
    {"SWJ", {"商务局", "Commerce Bureau"}},
    {"CZJ", {"财政局", "Finance Bureau"}},
    {"RSJ", {"人社局", "Human Resources and Social Security Bureau"}},
    {"ZRZYJ", {"自然资源局", "Natural Resources Bureau"}},
    {"SWUJ", {"水务局", "Water Affairs Bureau"}},
    {"YLJ", {"园林局", "Landscaping Bureau"}},
    {"TSW", {"团市委", "Communist Youth League Committee"}},
    {"FL", {"妇联", "Women's Federation"}},
    {"ZGH", {"总工会", "Federation of Trade Unions"}},
    {"SFJ", {"司法局", "Justice Bureau"}},
    {"YJGLJ", {"应急管理局", "Emergency Management Bureau"}},
    {"TJJ", {"统计局", "Statistics Bureau"}},
    {"FGW", {"发改委", "Development and Reform Commission"}},
    {"XFJ", {"信访局", "Petitions Bureau"}},
    {"SJJ", {"数据局", "Data Bureau"}},
    {"WXB", {"网信办", "Cyberspace Affairs Office"}},
};

std::string two_digits(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

class TreeWriter {
 public:
  TreeWriter(DemoContext& c, soci::session& sql) : c_(c), sql_(sql), units_(sql) {}

  Unit add(const std::string& code, Name name, UnitType type, std::optional<long long> parent,
           long long population, int sort_order) {
    Unit u;
    u.code = code;
    u.name = name.zh;
    u.name_en = name.en;
    u.type = type;
    u.parent_id = parent;
    u.population = population;
    u.sort_order = sort_order;
    Unit stored = units_.insert(u, c_.services.clock.now_ms());
    c_.services.audit.record(sql_, c_.actor,
                             {"unit.create", "unit", stored.code, "",
                              service::JsonText()
                                  .add("code", stored.code)
                                  .add("name", stored.name)
                                  .add("type", unit_type_name(stored.type))
                                  .add("population", stored.population)
                                  .str()});
    return stored;
  }
  // Population is set after the children are made (it is their sum).
  void set_population(Unit u, long long population) {
    u.population = population;
    units_.update(u, u.version, c_.services.clock.now_ms());
  }

 private:
  DemoContext& c_;
  soci::session& sql_;
  store::UnitRepository units_;
};

}  // namespace

void build_demo_units(DemoContext& c) {
  DemoRandom& rng = c.random;
  // Shuffle the stems once; streets outside 互贸区 take them in order, so street names are unique.
  std::vector<Name> stems(std::begin(kStems), std::end(kStems));
  for (size_t i = stems.size() - 1; i > 0; --i)
    std::swap(stems[i], stems[rng.between(0, static_cast<long long>(i))]);
  size_t next_stem = 0;
  int communities = 0, streets = 0;

  c.services.db.transact([&](soci::session& sql) {
    TreeWriter tree(c, sql);
    Unit city = tree.add(kDemoCityCode, {"青川市", "Qingchuan City"}, UnitType::city, std::nullopt, 0, 0);
    long long city_population = 0;
    int district_order = 0;
    for (const DistrictPlan& plan : kDistricts) {
      bool huimao = std::string(plan.code) == kHuimaoCode;
      Unit district = tree.add(plan.code, plan.name, UnitType::district, city.id, 0, ++district_order);
      long long district_population = 0;
      for (int s = 0; s < plan.streets; ++s) {
        std::string street_code = std::string(plan.code) + "-S" + two_digits(s + 1);
        Name street_name = huimao ? kHuimaoStreets[s] : Name{};
        std::string zh, en;
        if (!huimao) {
          const Name& stem = stems[next_stem++ % stems.size()];
          zh = std::string(stem.zh) + "街道";
          en = std::string(stem.en) + " Subdistrict";
          street_name = {zh.c_str(), en.c_str()};
        }
        Unit street = tree.add(street_code, street_name, UnitType::street, district.id, 0, s + 1);
        ++streets;
        long long street_population = 0;
        int count =
            huimao ? static_cast<int>(kHuimaoCommunities[s].size()) : static_cast<int>(rng.between(4, 6));
        std::vector<std::string> used;
        for (int k = 0; k < count; ++k) {
          std::string czh, cen;
          if (huimao) {
            czh = kHuimaoCommunities[s][k].zh;
            cen = kHuimaoCommunities[s][k].en;
          } else {
            do {
              const Name& stem = kStems[rng.between(0, std::size(kStems) - 1)];
              const Name& suffix = kCommunitySuffixes[rng.between(0, std::size(kCommunitySuffixes) - 1)];
              czh = std::string(stem.zh) + suffix.zh + "社区";
              cen = std::string(stem.en) + suffix.en + " Community";
            } while (std::find(used.begin(), used.end(), czh) != used.end());
          }
          used.push_back(czh);
          long long population = rng.between(30, 120) * 100 + rng.between(0, 99);
          tree.add(street_code + "-C" + two_digits(k + 1), {czh.c_str(), cen.c_str()}, UnitType::community,
                   street.id, population, k + 1);
          street_population += population;
          ++communities;
        }
        tree.set_population(street, street_population);
        district_population += street_population;
      }
      if (huimao) {
        int order = 100;
        for (const auto& dept : kHuimaoDepartments) {
          tree.add(std::string(plan.code) + "-" + dept.code, dept.name, UnitType::department, district.id, 0,
                   ++order);
        }
      }
      tree.set_population(district, district_population);
      city_population += district_population;
    }
    int order = 100;
    for (const auto& dept : kCityDepartments) {
      tree.add(std::string(kDemoCityCode) + "-" + dept.code, dept.name, UnitType::department, city.id, 0,
               ++order);
    }
    tree.set_population(city, city_population);
  });
  c.out << "  units: 1 city, " << std::size(kDistricts) << " districts, " << streets << " streets, "
        << communities << " communities, " << std::size(kCityDepartments) + std::size(kHuimaoDepartments)
        << " departments\n";
}

}  // namespace civic::demo
