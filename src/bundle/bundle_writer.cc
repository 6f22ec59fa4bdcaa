#include "bundle/bundle_writer.h"

#include <boost/json.hpp>

#include "json/json_text.h"

namespace civic::bundle {
namespace json = boost::json;
namespace {

template <class T>
void put_opt(json::object& o, const char* key, const std::optional<T>& v) {
  if (v) o[key] = *v;
}

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::object item_json(const Item& it) {
  json::object o;
  o["code"] = it.code;
  o["name"] = it.name;
  put_opt(o, "name_en", it.name_en);
  o["max_score"] = it.max_score;
  o["method"] = method_name(it.method);
  put_opt(o, "description", it.description);
  put_opt(o, "lead_unit", it.lead_unit);
  if (!it.responsible_units.empty()) o["responsible_units"] = strings(it.responsible_units);
  switch (it.method) {
    case Method::field: {
      json::array checks;
      for (const auto& c : it.checks) {
        json::object co;
        co["code"] = c.code;
        co["text"] = c.text;
        put_opt(co, "text_en", c.text_en);
        co["deduct"] = c.deduct;
        if (!c.site_types.empty()) co["site_types"] = strings(c.site_types);
        if (!c.photo_required) co["photo_required"] = false;  // absent means true
        checks.push_back(std::move(co));
      }
      o["checks"] = std::move(checks);
      break;
    }
    case Method::survey: {
      o["question"] = it.question;
      o["positive"] = strings(it.positive);
      if (!it.curve.empty()) {
        json::array curve;
        for (const auto& p : it.curve) curve.push_back(json::array{p.rate, p.fraction});
        o["curve"] = std::move(curve);
      }
      break;
    }
    case Method::statistic:
      o["metric"] = it.metric;
      o["target"] = it.target;
      o["direction"] = direction_name(it.direction);
      put_opt(o, "floor", it.floor);
      put_opt(o, "ceiling", it.ceiling);
      put_opt(o, "min", it.min);
      put_opt(o, "max", it.max);
      put_opt(o, "measure", it.measure);
      put_opt(o, "computed", it.computed);
      break;
    case Method::material:
      break;
  }
  return o;
}

json::object framework_json(const Framework& f) {
  json::object o;
  o["code"] = f.code;
  o["name"] = f.name;
  put_opt(o, "name_en", f.name_en);
  put_opt(o, "version", f.version);
  if (f.grades_given) {
    json::object g;
    for (const auto& [grade, fraction] : f.grades) g[grade] = fraction;
    o["grades"] = std::move(g);
  }
  json::array aspects;
  for (const auto& a : f.aspects) {
    json::object ao;
    ao["code"] = a.code;
    ao["name"] = a.name;
    put_opt(ao, "name_en", a.name_en);
    json::array indicators;
    for (const auto& ind : a.indicators) {
      json::object io;
      io["code"] = ind.code;
      io["name"] = ind.name;
      put_opt(io, "name_en", ind.name_en);
      json::array items;
      for (const auto& it : ind.items) items.push_back(item_json(it));
      io["items"] = std::move(items);
      indicators.push_back(std::move(io));
    }
    ao["indicators"] = std::move(indicators);
    aspects.push_back(std::move(ao));
  }
  o["aspects"] = std::move(aspects);
  put_opt(o, "statistic_change_threshold", f.statistic_change_threshold);
  if (!f.negative_list.empty()) {
    json::array nl;
    for (const auto& e : f.negative_list) {
      json::object eo{{"code", e.code}, {"name", e.name}};
      put_opt(eo, "name_en", e.name_en);
      eo["deduct"] = e.deduct;
      eo["disqualify"] = e.disqualify;
      nl.push_back(std::move(eo));
    }
    o["negative_list"] = std::move(nl);
  }
  if (!f.questions.empty()) {
    json::array qs;
    for (const auto& q : f.questions) {
      json::object qo{{"code", q.code}, {"text", q.text}};
      put_opt(qo, "text_en", q.text_en);
      json::array opts;
      for (const auto& op : q.options) {
        json::object oo{{"value", op.value}, {"label", op.label}};
        put_opt(oo, "label_en", op.label_en);
        opts.push_back(std::move(oo));
      }
      qo["options"] = std::move(opts);
      qs.push_back(std::move(qo));
    }
    o["questions"] = std::move(qs);
  }
  if (!f.site_types.empty()) {
    json::array st;
    for (const auto& t : f.site_types) {
      json::object to{{"code", t.code}};
      put_opt(to, "name_en", t.name_en);
      st.push_back(std::move(to));
    }
    o["site_types"] = std::move(st);
  }
  return o;
}

}  // namespace

json::value bundle_to_json(const Bundle& b) {
  json::object doc;
  doc["format"] = kFormat;
  doc["framework"] = framework_json(b.framework);
  json::array units;
  for (const auto& u : b.units) {
    json::object o{{"code", u.code}, {"name", u.name}};
    o["parent"] = u.parent ? json::value(*u.parent) : json::value(nullptr);
    put_opt(o, "population", u.population);
    units.push_back(std::move(o));
  }
  doc["units"] = std::move(units);
  json::array sites;
  for (const auto& s : b.sites) {
    json::object o{{"code", s.code}, {"name", s.name}, {"type", s.type}, {"unit", s.unit}};
    put_opt(o, "lat", s.lat);
    put_opt(o, "lon", s.lon);
    sites.push_back(std::move(o));
  }
  doc["sites"] = std::move(sites);
  json::array periods;
  for (const auto& p : b.periods)
    periods.push_back(json::object{{"code", p.code}, {"start", to_iso(p.start)}, {"end", to_iso(p.end)}});
  doc["periods"] = std::move(periods);
  json::array inspections;
  for (const auto& r : b.inspections) {
    json::object results;
    for (const auto& c : r.results)
      results[c.check] = c.failures ? json::value(*c.failures) : json::value("na");
    inspections.push_back(json::object{
        {"id", r.id}, {"site", r.site}, {"date", to_iso(r.date)}, {"results", std::move(results)}});
  }
  doc["inspections"] = std::move(inspections);
  json::array responses;
  for (const auto& r : b.responses) {
    json::object answers;
    for (const auto& [q, a] : r.answers) answers[q] = a;
    responses.push_back(json::object{
        {"id", r.id}, {"unit", r.unit}, {"date", to_iso(r.date)}, {"answers", std::move(answers)}});
  }
  doc["responses"] = std::move(responses);
  json::array statistics;
  for (const auto& s : b.statistics)
    statistics.push_back(
        json::object{{"metric", s.metric}, {"unit", s.unit}, {"period", s.period}, {"value", s.value}});
  doc["statistics"] = std::move(statistics);
  json::array materials;
  for (const auto& g : b.materials)
    materials.push_back(
        json::object{{"item", g.item}, {"unit", g.unit}, {"period", g.period}, {"grade", g.grade}});
  doc["materials"] = std::move(materials);
  json::array penalties;
  for (const auto& e : b.penalties) {
    json::object o{{"code", e.code},
                   {"unit", e.unit},
                   {"period", e.period},
                   {"deduct", e.deduct},
                   {"disqualify", e.disqualify}};
    put_opt(o, "description", e.description);
    penalties.push_back(std::move(o));
  }
  doc["penalties"] = std::move(penalties);
  return doc;
}

std::string write_bundle(const Bundle& bundle) {
  return to_json_text(bundle_to_json(bundle)) + "\n";
}

}  // namespace civic::bundle
