#include "service/questionnaires/definition_json.h"

#include <charconv>

#include "domain/core/error.h"

namespace civic::service {

namespace json = boost::json;

namespace {

[[noreturn]] void bad(const std::string& field, const std::string& what) {
  throw InvalidInput(field, field + ": " + what, message_key("questionnaire.json.type", {{"field", field}}));
}

std::string string_at(const json::value& v, const std::string& field) {
  if (!v.is_string()) bad(field, "a text is expected");
  return std::string(v.as_string());
}

std::string text_member(const json::object& o, const char* name, const std::string& path, bool required) {
  const json::value* v = o.if_contains(name);
  if (!v || v->is_null()) {
    if (required) {
      std::string f = path.empty() ? name : path + "." + name;
      throw InvalidInput(f, f + " is required", message_key("questionnaire.field.required", {{"field", f}}));
    }
    return "";
  }
  return string_at(*v, path.empty() ? name : path + "." + name);
}

bool bool_member(const json::object& o, const char* name, const std::string& path, bool fallback) {
  const json::value* v = o.if_contains(name);
  if (!v || v->is_null()) return fallback;
  if (!v->is_bool()) bad(path + "." + name, "true or false is expected");
  return v->as_bool();
}

const json::array* array_member(const json::object& o, const char* name, const std::string& path) {
  const json::value* v = o.if_contains(name);
  if (!v || v->is_null()) return nullptr;
  std::string f = path.empty() ? name : path + "." + name;
  if (!v->is_array()) bad(f, "a list is expected");
  return &v->as_array();
}

const json::object& object_at(const json::value& v, const std::string& field) {
  if (!v.is_object()) bad(field, "an object is expected");
  return v.as_object();
}

LocalText local_text(const json::object& o, const char* name, const std::string& path) {
  LocalText t;
  const json::value* v = o.if_contains(name);
  std::string f = path.empty() ? name : path + "." + name;
  if (!v || v->is_null()) return t;
  if (v->is_string()) {  // a bare text is the zh-CN one
    t.zh = std::string(v->as_string());
    return t;
  }
  const json::object& to = object_at(*v, f);
  t.zh = text_member(to, "zh-CN", f, false);
  t.en = text_member(to, "en", f, false);
  return t;
}

std::vector<std::string> string_list(const json::object& o, const char* name, const std::string& path) {
  std::vector<std::string> out;
  const json::array* a = array_member(o, name, path);
  if (!a) return out;
  std::string f = path.empty() ? name : path + "." + name;
  for (size_t i = 0; i < a->size(); ++i) out.push_back(string_at((*a)[i], f + "[" + std::to_string(i) + "]"));
  return out;
}

std::vector<QnOption> options(const json::object& o, const std::string& path) {
  std::vector<QnOption> out;
  const json::array* a = array_member(o, "options", path);
  if (!a) return out;
  for (size_t i = 0; i < a->size(); ++i) {
    std::string at = path + ".options[" + std::to_string(i) + "]";
    const json::object& oo = object_at((*a)[i], at);
    out.push_back({text_member(oo, "code", at, true), local_text(oo, "text", at)});
  }
  return out;
}

json::array options_json(const std::vector<QnOption>& options) {
  json::array a;
  for (const auto& o : options)
    a.push_back(json::object{{"code", o.code}, {"text", local_text_json(o.text)}});
  return a;
}

json::array strings_json(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::string(s));
  return a;
}

}  // namespace

json::object local_text_json(const LocalText& t) {
  json::object o{{"zh-CN", t.zh}};
  if (!t.en.empty()) o["en"] = t.en;
  return o;
}

QuestionnaireDefinition definition_from_json(const json::object& o, bool code_required) {
  QuestionnaireDefinition d;
  d.code = text_member(o, "code", "", code_required);
  d.title = local_text(o, "title", "");
  d.intro = local_text(o, "intro", "");
  d.units = string_list(o, "units", "");
  if (const json::array* a = array_member(o, "attributes", "")) {
    for (size_t i = 0; i < a->size(); ++i) {
      std::string at = "attributes[" + std::to_string(i) + "]";
      const json::object& ao = object_at((*a)[i], at);
      QnAttribute attr;
      attr.code = text_member(ao, "code", at, true);
      attr.kind = text_member(ao, "kind", at, true);
      attr.text = local_text(ao, "text", at);
      attr.required = bool_member(ao, "required", at, true);
      attr.options = options(ao, at);
      d.attributes.push_back(std::move(attr));
    }
  }
  if (const json::array* a = array_member(o, "questions", "")) {
    for (size_t i = 0; i < a->size(); ++i) {
      std::string at = "questions[" + std::to_string(i) + "]";
      const json::object& qo = object_at((*a)[i], at);
      QnQuestion q;
      q.code = text_member(qo, "code", at, true);
      q.type = text_member(qo, "type", at, true);
      q.text = local_text(qo, "text", at);
      q.options = options(qo, at);
      q.required = bool_member(qo, "required", at, true);
      if (const json::value* s = qo.if_contains("show_if"); s && !s->is_null()) {
        const json::object& so = object_at(*s, at + ".show_if");
        q.show_if = QnShowIf{text_member(so, "question", at + ".show_if", true),
                             string_list(so, "answers", at + ".show_if")};
      }
      q.items = string_list(qo, "items", at);
      d.questions.push_back(std::move(q));
    }
  }
  if (const json::array* a = array_member(o, "quotas", "")) {
    for (size_t i = 0; i < a->size(); ++i) {
      std::string at = "quotas[" + std::to_string(i) + "]";
      const json::object& qo = object_at((*a)[i], at);
      QnQuota quota;
      const json::value* s = qo.if_contains("stratum");
      if (!s || s->is_null()) bad(at + ".stratum", "a stratum is required");
      for (const auto& member : object_at(*s, at + ".stratum")) {
        std::string key(member.key());
        quota.stratum.emplace_back(key, string_at(member.value(), at + ".stratum." + key));
      }
      const json::value* t = qo.if_contains("target");
      if (!t || !t->is_int64()) bad(at + ".target", "a whole number is expected");
      quota.target = t->as_int64();
      d.quotas.push_back(std::move(quota));
    }
  }
  if (const json::value* m = o.if_contains("min_n"); m && !m->is_null()) {
    if (!m->is_int64()) bad("min_n", "a whole number is expected");
    d.min_n = m->as_int64();
  }
  return d;
}

json::object definition_to_json(const QuestionnaireDefinition& d, bool with_items) {
  json::array attributes, questions, quotas;
  for (const auto& a : d.attributes) {
    json::object ao{
        {"code", a.code}, {"kind", a.kind}, {"text", local_text_json(a.text)}, {"required", a.required}};
    if (a.kind == "choice") ao["options"] = options_json(a.options);
    attributes.push_back(std::move(ao));
  }
  for (const auto& q : d.questions) {
    json::object qo{
        {"code", q.code}, {"type", q.type}, {"text", local_text_json(q.text)}, {"required", q.required}};
    if (q.type == "single" || q.type == "multiple") qo["options"] = options_json(q.options);
    qo["show_if"] = q.show_if ? json::value(json::object{{"question", q.show_if->question},
                                                         {"answers", strings_json(q.show_if->answers)}})
                              : json::value(nullptr);
    if (with_items) qo["items"] = strings_json(q.items);
    questions.push_back(std::move(qo));
  }
  for (const auto& quota : d.quotas) {
    json::object stratum;
    for (const auto& [k, v] : quota.stratum) stratum[k] = v;
    quotas.push_back(json::object{{"stratum", std::move(stratum)}, {"target", quota.target}});
  }
  return {{"code", d.code},
          {"title", local_text_json(d.title)},
          {"intro", local_text_json(d.intro)},
          {"units", strings_json(d.units)},
          {"attributes", std::move(attributes)},
          {"questions", std::move(questions)},
          {"quotas", std::move(quotas)},
          {"min_n", d.min_n}};
}

QuestionnaireDefinition definition_from_text(const std::string& text) {
  return definition_from_json(json::parse(text).as_object());
}

std::string definition_to_text(const QuestionnaireDefinition& d) {
  return json::serialize(definition_to_json(d));
}

std::map<std::string, QnAnswer> answers_from_json(const json::value* v) {
  std::map<std::string, QnAnswer> out;
  if (!v || v->is_null()) return out;
  const json::object& o = object_at(*v, "answers");
  if (o.size() > kMaxQuestions) bad("answers", "too many answers");
  for (const auto& member : o) {
    std::string code(member.key());
    std::string field = "answers." + code;
    const json::value& a = member.value();
    QnAnswer answer;
    auto wrong = [&] {
      throw InvalidInput(field, field + ": a text or a list of texts is expected",
                         message_key("response.answer.type", {{"question", code}}));
    };
    if (a.is_null()) continue;
    if (a.is_string()) {
      answer.values.emplace_back(a.as_string());
    } else if (a.is_int64()) {
      answer.values.push_back(std::to_string(a.as_int64()));
    } else if (a.is_array()) {
      answer.list = true;
      if (a.as_array().size() > kMaxOptions) wrong();
      for (const auto& e : a.as_array()) {
        if (!e.is_string()) wrong();
        answer.values.emplace_back(e.as_string());
      }
    } else {
      wrong();
    }
    out.emplace(code, std::move(answer));
  }
  return out;
}

json::object answers_to_json(const std::map<std::string, QnAnswer>& answers) {
  json::object o;
  for (const auto& [code, a] : answers) {
    if (a.list)
      o[code] = strings_json(a.values);
    else
      o[code] = a.values.empty() ? std::string() : a.values[0];
  }
  return o;
}

std::map<std::string, std::string> attributes_from_json(const json::value* v) {
  std::map<std::string, std::string> out;
  if (!v || v->is_null()) return out;
  const json::object& o = object_at(*v, "attributes");
  if (o.size() > 50) bad("attributes", "too many attributes");
  for (const auto& member : o) {
    std::string code(member.key());
    if (member.value().is_null()) continue;
    if (!member.value().is_string())
      throw InvalidInput("attributes." + code, "attributes." + code + ": a text is expected",
                         message_key("response.attribute.option", {{"attribute", code}}));
    out.emplace(code, std::string(member.value().as_string()));
  }
  return out;
}

json::object attributes_to_json(const std::map<std::string, std::string>& attributes) {
  json::object o;
  for (const auto& [k, v] : attributes) o[k] = v;
  return o;
}

}  // namespace civic::service
