#include "bundle/bundle_reader.h"

#include <boost/json.hpp>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "domain/core/error.h"
#include "domain/evaluation/computed_metric.h"

namespace civic::bundle {
namespace json = boost::json;
namespace {

std::string quoted(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

std::string at(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}
std::string at(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// One key for every bundle problem: the console shows where (the JSON path) and the English problem.
[[noreturn]] void fail(const std::string& path, std::string message) {
  MessageKey key = message_key("bundle.invalid", {{"field", path}, {"problem", message}});
  throw InvalidInput(path, std::move(message), std::move(key));
}

const json::object& as_object(const json::value& v, const std::string& path) {
  if (!v.is_object()) fail(path, "must be an object");
  return v.get_object();
}

const json::array& as_array(const json::value& v, const std::string& path) {
  if (!v.is_array()) fail(path, "must be a list");
  return v.get_array();
}

// A present, non-null member or nullptr.
const json::value* member(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

std::optional<std::string> opt_string(const json::object& o, std::string_view key, const std::string& path) {
  const json::value* v = member(o, key);
  if (!v) return std::nullopt;
  if (!v->is_string()) fail(at(path, key), "must be a string");
  return std::string(v->get_string());
}

std::string req_string(const json::object& o, std::string_view key, const std::string& path) {
  auto s = opt_string(o, key, path);
  if (!s) fail(at(path, key), "is required");
  return *s;
}

std::string req_code(const json::object& o, std::string_view key, const std::string& path) {
  std::string s = req_string(o, key, path);
  if (s.empty()) fail(at(path, key), "must not be empty");
  return s;
}

std::optional<double> number_of(const json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  if (v.is_double() && std::isfinite(v.get_double())) return v.get_double();
  return std::nullopt;
}

std::optional<double> opt_number(const json::object& o, std::string_view key, const std::string& path) {
  const json::value* v = member(o, key);
  if (!v) return std::nullopt;
  auto d = number_of(*v);
  if (!d) fail(at(path, key), "must be a number");
  return d;
}

double req_number(const json::object& o, std::string_view key, const std::string& path) {
  auto d = opt_number(o, key, path);
  if (!d) fail(at(path, key), "is required");
  return *d;
}

std::vector<std::string> string_list(const json::object& o, std::string_view key, const std::string& path) {
  std::vector<std::string> out;
  const json::value* v = member(o, key);
  if (!v) return out;
  const auto& a = as_array(*v, at(path, key));
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_string()) fail(at(at(path, key), i), "must be a string");
    out.emplace_back(a[i].get_string());
  }
  return out;
}

const json::array& opt_array(const json::object& o, std::string_view key, const std::string& path) {
  static const json::array kEmpty;
  const json::value* v = member(o, key);
  return v ? as_array(*v, at(path, key)) : kEmpty;
}

CivilDate req_date(const json::object& o, std::string_view key, const std::string& path) {
  std::string s = req_string(o, key, path);
  auto d = parse_iso_date(s);
  if (!d) fail(at(path, key), "invalid date " + quoted(s) + " (expected an ISO date YYYY-MM-DD)");
  return *d;
}

class Reader {
 public:
  Bundle read(const json::value& root) {
    const auto& doc = as_object(root, "");
    const json::value* format = member(doc, "format");
    if (!format) fail("format", "is required (\"civic-bundle/1\")");
    if (!format->is_string() || format->get_string() != kFormat)
      fail("format", "unknown format " + json::serialize(*format) + " (expected \"civic-bundle/1\")");
    const json::value* fw = member(doc, "framework");
    if (!fw) fail("framework", "is required");
    read_framework(as_object(*fw, "framework"));
    read_units(opt_array(doc, "units", ""));
    read_sites(opt_array(doc, "sites", ""));
    read_periods(opt_array(doc, "periods", ""));
    read_inspections(opt_array(doc, "inspections", ""));
    read_responses(opt_array(doc, "responses", ""));
    read_statistics(opt_array(doc, "statistics", ""));
    read_materials(opt_array(doc, "materials", ""));
    read_penalties(opt_array(doc, "penalties", ""));
    return std::move(b_);
  }

 private:
  void claim_code(const std::string& code, const std::string& path) {
    if (!framework_codes_.insert(code).second) fail(path, "duplicate code " + quoted(code));
  }

  void read_framework(const json::object& o) {
    const std::string p = "framework";
    Framework& f = b_.framework;
    f.code = req_code(o, "code", p);
    f.name = opt_string(o, "name", p).value_or("");
    f.name_en = opt_string(o, "name_en", p);
    if (const json::value* v = member(o, "version")) {
      if (v->is_string())
        f.version = std::string(v->get_string());
      else if (v->is_int64() || v->is_uint64())
        f.version = json::serialize(*v);
      else
        fail(at(p, "version"), "must be a string or a whole number");
    }
    if (const json::value* g = member(o, "grades")) {
      const auto& grades = as_object(*g, at(p, "grades"));
      f.grades.clear();
      f.grades_given = true;
      for (const auto& kv : grades) {
        std::string gp = at(at(p, "grades"), kv.key());
        auto frac = number_of(kv.value());
        if (!frac || *frac < 0 || *frac > 1) fail(gp, "must be a fraction between 0 and 1");
        f.grades.emplace_back(std::string(kv.key()), *frac);
      }
    }
    f.statistic_change_threshold = opt_number(o, "statistic_change_threshold", p);
    if (f.statistic_change_threshold && !(*f.statistic_change_threshold >= 0))
      fail(at(p, "statistic_change_threshold"), "must be >= 0");
    const json::value* aspects = member(o, "aspects");
    if (!aspects) fail(at(p, "aspects"), "is required");
    const auto& aa = as_array(*aspects, at(p, "aspects"));
    for (size_t a = 0; a < aa.size(); ++a) {
      const std::string ap = at(at(p, "aspects"), a);
      const auto& ao = as_object(aa[a], ap);
      Aspect aspect;
      aspect.code = req_code(ao, "code", ap);
      claim_code(aspect.code, at(ap, "code"));
      aspect.name = opt_string(ao, "name", ap).value_or("");
      aspect.name_en = opt_string(ao, "name_en", ap);
      const auto& ia = opt_array(ao, "indicators", ap);
      for (size_t i = 0; i < ia.size(); ++i) {
        const std::string ip = at(at(ap, "indicators"), i);
        const auto& io = as_object(ia[i], ip);
        Indicator indicator;
        indicator.code = req_code(io, "code", ip);
        claim_code(indicator.code, at(ip, "code"));
        indicator.name = opt_string(io, "name", ip).value_or("");
        indicator.name_en = opt_string(io, "name_en", ip);
        const auto& items = opt_array(io, "items", ip);
        for (size_t k = 0; k < items.size(); ++k) {
          const std::string kp = at(at(ip, "items"), k);
          indicator.items.push_back(read_item(as_object(items[k], kp), kp));
        }
        aspect.indicators.push_back(std::move(indicator));
      }
      f.aspects.push_back(std::move(aspect));
    }
    const auto& nl = opt_array(o, "negative_list", p);
    for (size_t i = 0; i < nl.size(); ++i) {
      const std::string np = at(at(p, "negative_list"), i);
      const auto& no = as_object(nl[i], np);
      NegativeListEntry e;
      e.code = req_code(no, "code", np);
      e.name = opt_string(no, "name", np).value_or("");
      e.name_en = opt_string(no, "name_en", np);
      e.deduct = opt_number(no, "deduct", np).value_or(0);
      if (e.deduct < 0) fail(at(np, "deduct"), "must be >= 0");
      e.disqualify = read_bool(no, "disqualify", np);
      f.negative_list.push_back(std::move(e));
    }
    const auto& qs = opt_array(o, "questions", p);
    for (size_t i = 0; i < qs.size(); ++i) {
      const std::string qp = at(at(p, "questions"), i);
      const auto& qo = as_object(qs[i], qp);
      SurveyQuestion q;
      q.code = req_code(qo, "code", qp);
      q.text = opt_string(qo, "text", qp).value_or("");
      q.text_en = opt_string(qo, "text_en", qp);
      const auto& opts = opt_array(qo, "options", qp);
      for (size_t j = 0; j < opts.size(); ++j) {
        const std::string op = at(at(qp, "options"), j);
        const auto& oo = as_object(opts[j], op);
        QuestionOption opt;
        opt.value = req_string(oo, "value", op);
        opt.label = opt_string(oo, "label", op).value_or("");
        opt.label_en = opt_string(oo, "label_en", op);
        q.options.push_back(std::move(opt));
      }
      f.questions.push_back(std::move(q));
    }
    const auto& st = opt_array(o, "site_types", p);
    for (size_t i = 0; i < st.size(); ++i) {
      const std::string sp = at(at(p, "site_types"), i);
      const auto& so = as_object(st[i], sp);
      f.site_types.push_back({req_code(so, "code", sp), opt_string(so, "name_en", sp)});
    }
  }

  static bool read_bool(const json::object& o, std::string_view key, const std::string& path) {
    const json::value* v = member(o, key);
    if (!v) return false;
    if (!v->is_bool()) fail(at(path, key), "must be true or false");
    return v->get_bool();
  }

  Item read_item(const json::object& o, const std::string& p) {
    Item item;
    item.code = req_code(o, "code", p);
    claim_code(item.code, at(p, "code"));
    item.name = opt_string(o, "name", p).value_or("");
    item.name_en = opt_string(o, "name_en", p);
    item.description = opt_string(o, "description", p);
    item.lead_unit = opt_string(o, "lead_unit", p);
    item.responsible_units = string_list(o, "responsible_units", p);
    item.max_score = req_number(o, "max_score", p);
    if (!(item.max_score > 0)) fail(at(p, "max_score"), "must be > 0");
    std::string method = req_string(o, "method", p);
    auto m = parse_method(method);
    if (!m)
      fail(at(p, "method"), "unknown method " + quoted(method) + " (field, survey, statistic or material)");
    item.method = *m;
    items_.emplace(item.code, item.method);
    switch (item.method) {
      case Method::field: {
        const auto& checks = opt_array(o, "checks", p);
        for (size_t c = 0; c < checks.size(); ++c) {
          const std::string cp = at(at(p, "checks"), c);
          const auto& co = as_object(checks[c], cp);
          Check check;
          check.code = req_code(co, "code", cp);
          claim_code(check.code, at(cp, "code"));
          check.text = opt_string(co, "text", cp).value_or("");
          check.text_en = opt_string(co, "text_en", cp);
          check.deduct = req_number(co, "deduct", cp);
          if (check.deduct < 0) fail(at(cp, "deduct"), "must be >= 0");
          check.site_types = string_list(co, "site_types", cp);
          if (const json::value* pr = member(co, "photo_required")) {
            if (!pr->is_bool()) fail(at(cp, "photo_required"), "must be true or false");
            check.photo_required = pr->get_bool();
          }
          checks_.insert(check.code);
          item.checks.push_back(std::move(check));
        }
        break;
      }
      case Method::survey: {
        item.question = req_code(o, "question", p);
        if (!member(o, "positive")) fail(at(p, "positive"), "is required");
        item.positive = string_list(o, "positive", p);
        const auto& curve = opt_array(o, "curve", p);
        for (size_t i = 0; i < curve.size(); ++i) {
          const std::string cp = at(at(p, "curve"), i);
          const auto& pt = as_array(curve[i], cp);
          std::optional<double> r, f;
          if (pt.size() == 2) {
            r = number_of(pt[0]);
            f = number_of(pt[1]);
          }
          if (!r || !f) fail(cp, "must be a [rate, fraction] pair of numbers");
          if (*f < 0 || *f > 1) fail(cp, "fraction must be between 0 and 1");
          if (i > 0 && !(*r > item.curve.back().rate)) fail(cp, "rates must be strictly increasing");
          item.curve.push_back({*r, *f});
        }
        break;
      }
      case Method::statistic: {
        item.metric = req_code(o, "metric", p);
        item.target = req_number(o, "target", p);
        if (auto d = opt_string(o, "direction", p)) {
          auto dir = parse_direction(*d);
          if (!dir) fail(at(p, "direction"), "must be \"higher\" or \"lower\", not " + quoted(*d));
          item.direction = *dir;
        }
        item.floor = opt_number(o, "floor", p);
        item.ceiling = opt_number(o, "ceiling", p);
        item.min = opt_number(o, "min", p);
        item.max = opt_number(o, "max", p);
        if (item.min && item.max && !(*item.min <= *item.max))
          fail(at(p, "max"), "max must not be below min");
        item.measure = opt_string(o, "measure", p);
        if (auto c = opt_string(o, "computed", p)) {
          if (!parse_computed_metric(*c))
            fail(at(p, "computed"),
                 "must be one of volunteer_share, volunteer_hours_per_resident, "
                 "activities_per_community, civilized_family_share, not " +
                     quoted(*c));
          item.computed = *c;
        }
        if (item.direction == Direction::higher || item.floor) {
          if (!(item.effective_floor() < item.target))
            fail(at(p, item.floor ? "floor" : "target"), "floor must be below target");
        }
        if (item.direction == Direction::lower || item.ceiling) {
          if (!(item.target < item.effective_ceiling()))
            fail(at(p, item.ceiling ? "ceiling" : "target"), "ceiling must be above target");
        }
        break;
      }
      case Method::material:
        break;
    }
    return item;
  }

  void read_units(const json::array& a) {
    std::vector<std::string> parent_path(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string p = at("units", i);
      const auto& o = as_object(a[i], p);
      UnitRecord u;
      u.code = req_code(o, "code", p);
      if (!units_.emplace(u.code, i).second) fail(at(p, "code"), "duplicate unit " + quoted(u.code));
      u.name = opt_string(o, "name", p).value_or("");
      u.parent = opt_string(o, "parent", p);
      u.population = opt_number(o, "population", p);
      if (u.population && *u.population < 0) fail(at(p, "population"), "must be >= 0");
      b_.units.push_back(std::move(u));
    }
    if (b_.units.empty()) fail("units", "must hold at least the root unit");
    std::optional<size_t> root;
    for (size_t i = 0; i < b_.units.size(); ++i) {
      const auto& u = b_.units[i];
      const std::string p = at("units", i);
      if (!u.parent) {
        if (root) fail(at(p, "parent"), "a second root unit (exactly one unit has parent null)");
        root = i;
      } else if (!units_.count(*u.parent)) {
        fail(at(p, "parent"), "unknown unit " + quoted(*u.parent));
      }
    }
    if (!root) fail("units", "no root unit (exactly one unit has parent null)");
    // Every unit must reach the root; anything else sits on a cycle or under one.
    std::vector<int> state(b_.units.size(), 0);  // 0 unknown, 1 on path, 2 reaches root
    state[*root] = 2;
    for (size_t i = 0; i < b_.units.size(); ++i) {
      std::vector<size_t> path;
      size_t u = i;
      while (state[u] == 0) {
        state[u] = 1;
        path.push_back(u);
        u = units_.at(*b_.units[u].parent);
      }
      if (state[u] == 1)
        fail(at(at("units", u), "parent"), "the unit tree has a cycle through " + quoted(b_.units[u].code));
      for (size_t v : path) state[v] = 2;
    }
  }

  void read_sites(const json::array& a) {
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string p = at("sites", i);
      const auto& o = as_object(a[i], p);
      SiteRecord s;
      s.code = req_code(o, "code", p);
      if (!sites_.insert(s.code).second) fail(at(p, "code"), "duplicate site " + quoted(s.code));
      s.name = opt_string(o, "name", p).value_or("");
      s.type = req_code(o, "type", p);
      s.unit = unit_ref(o, "unit", p);
      s.lat = opt_number(o, "lat", p);
      s.lon = opt_number(o, "lon", p);
      b_.sites.push_back(std::move(s));
    }
  }

  std::string unit_ref(const json::object& o, std::string_view key, const std::string& p) {
    std::string code = req_code(o, key, p);
    if (!units_.count(code)) fail(at(p, key), "unknown unit " + quoted(code));
    return code;
  }

  std::string period_ref(const json::object& o, const std::string& p) {
    std::string code = req_code(o, "period", p);
    if (!periods_.count(code)) fail(at(p, "period"), "unknown period " + quoted(code));
    return code;
  }

  void read_periods(const json::array& a) {
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string p = at("periods", i);
      const auto& o = as_object(a[i], p);
      Period period;
      period.code = req_code(o, "code", p);
      if (!periods_.insert(period.code).second)
        fail(at(p, "code"), "duplicate period " + quoted(period.code));
      period.start = req_date(o, "start", p);
      period.end = req_date(o, "end", p);
      if (day_number(period.start) > day_number(period.end)) fail(at(p, "start"), "is after end");
      b_.periods.push_back(std::move(period));
    }
  }

  void read_inspections(const json::array& a) {
    std::unordered_set<std::string> ids;
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string p = at("inspections", i);
      const auto& o = as_object(a[i], p);
      Inspection r;
      r.id = opt_string(o, "id", p).value_or("I" + std::to_string(i + 1));
      if (!ids.insert(r.id).second) fail(at(p, "id"), "duplicate inspection " + quoted(r.id));
      r.site = req_code(o, "site", p);
      if (!sites_.count(r.site)) fail(at(p, "site"), "unknown site " + quoted(r.site));
      r.date = req_date(o, "date", p);
      const json::value* results = member(o, "results");
      if (!results) fail(at(p, "results"), "is required");
      const std::string rp = at(p, "results");
      for (const auto& kv : as_object(*results, rp)) {
        const std::string cp = at(rp, kv.key());
        std::string check(kv.key());
        if (!checks_.count(check)) fail(cp, "unknown check " + quoted(check));
        const json::value& v = kv.value();
        if (v.is_string() && v.get_string() == "na") {
          r.results.push_back({std::move(check), std::nullopt});
          continue;
        }
        auto d = number_of(v);
        if (!d || *d < 0 || *d != std::floor(*d) || *d > 1e6)
          fail(cp, "failures must be a whole number >= 0 or \"na\", not " + json::serialize(v));
        r.results.push_back({std::move(check), static_cast<int>(*d)});
      }
      b_.inspections.push_back(std::move(r));
    }
  }

  void read_responses(const json::array& a) {
    std::unordered_set<std::string> ids;
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string p = at("responses", i);
      const auto& o = as_object(a[i], p);
      Response r;
      r.id = opt_string(o, "id", p).value_or("R" + std::to_string(i + 1));
      if (!ids.insert(r.id).second) fail(at(p, "id"), "duplicate response " + quoted(r.id));
      r.unit = unit_ref(o, "unit", p);
      r.date = req_date(o, "date", p);
      const json::value* answers = member(o, "answers");
      if (!answers) fail(at(p, "answers"), "is required");
      for (const auto& kv : as_object(*answers, at(p, "answers"))) {
        if (kv.value().is_null()) continue;
        if (!kv.value().is_string()) fail(at(at(p, "answers"), kv.key()), "must be a string");
        r.answers.emplace_back(std::string(kv.key()), std::string(kv.value().get_string()));
      }
      b_.responses.push_back(std::move(r));
    }
  }

  void read_statistics(const json::array& a) {
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string p = at("statistics", i);
      const auto& o = as_object(a[i], p);
      StatisticValue s;
      s.metric = req_code(o, "metric", p);
      s.unit = unit_ref(o, "unit", p);
      s.period = period_ref(o, p);
      s.value = req_number(o, "value", p);
      if (!seen.emplace(s.metric, s.unit, s.period).second)
        fail(p, "a second value of " + quoted(s.metric) + " for unit " + quoted(s.unit) + " in period " +
                    quoted(s.period));
      b_.statistics.push_back(std::move(s));
    }
  }

  void read_materials(const json::array& a) {
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string p = at("materials", i);
      const auto& o = as_object(a[i], p);
      MaterialGrade g;
      g.item = req_code(o, "item", p);
      auto it = items_.find(g.item);
      if (it == items_.end()) fail(at(p, "item"), "unknown item " + quoted(g.item));
      if (it->second != Method::material)
        fail(at(p, "item"), "item " + quoted(g.item) + " is not a material item");
      g.unit = unit_ref(o, "unit", p);
      g.period = period_ref(o, p);
      g.grade = req_string(o, "grade", p);
      if (!b_.framework.grade_fraction(g.grade)) fail(at(p, "grade"), "unknown grade " + quoted(g.grade));
      if (!seen.emplace(g.item, g.unit, g.period).second)
        fail(p, "a second grade of item " + quoted(g.item) + " for unit " + quoted(g.unit) + " in period " +
                    quoted(g.period));
      b_.materials.push_back(std::move(g));
    }
  }

  void read_penalties(const json::array& a) {
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string p = at("penalties", i);
      const auto& o = as_object(a[i], p);
      PenaltyEvent e;
      e.code = req_code(o, "code", p);
      e.unit = unit_ref(o, "unit", p);
      e.period = period_ref(o, p);
      e.deduct = req_number(o, "deduct", p);
      if (e.deduct < 0) fail(at(p, "deduct"), "must be >= 0");
      e.disqualify = read_bool(o, "disqualify", p);
      e.description = opt_string(o, "description", p);
      b_.penalties.push_back(std::move(e));
    }
  }

  Bundle b_;
  std::unordered_set<std::string> framework_codes_, checks_, sites_, periods_;
  std::unordered_map<std::string, Method> items_;
  std::unordered_map<std::string, size_t> units_;
};

}  // namespace

Bundle read_bundle(std::string_view json_text) {
  boost::system::error_code ec;
  json::value root = json::parse(json::string_view(json_text.data(), json_text.size()), ec);
  if (ec) fail("bundle", "not valid JSON: " + ec.message());
  return Reader().read(root);
}

Bundle read_bundle_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("bundle", "cannot read " + quoted(path));
  std::ostringstream text;
  text << in.rdbuf();
  return read_bundle(text.str());
}

}  // namespace civic::bundle
