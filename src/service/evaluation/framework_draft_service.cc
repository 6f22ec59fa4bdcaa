#include "service/evaluation/framework_draft_service.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <set>
#include <string_view>

#include "bundle/bundle_writer.h"
#include "bundle/default_framework.h"
#include "bundle/framework_document.h"
#include "domain/core/error.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/evaluation/framework_draft_repository.h"

namespace civic::service {

namespace json = boost::json;

namespace {

FrameworkDraft draft_of(const store::FrameworkDraftRow& row) {
  FrameworkDraft d;
  d.id = row.id;
  d.code = row.code;
  d.base_version = row.base_version;
  d.version = row.version;
  d.state = row.state;
  d.published_version = row.published_version;
  d.document = row.document;
  d.created_by = row.created_by;
  d.created_at = row.created_at;
  d.updated_at = row.updated_at;
  return d;
}

NotFound draft_not_found(long long id) {
  return NotFound("framework draft " + std::to_string(id) + " not found",
                  message_key("framework_draft.not_found", {{"id", std::to_string(id)}}));
}

// The stored document of a draft's base: a stored version, or the shipped framework (version 0).
std::optional<std::string> base_document(store::EvaluationRepository& repo, const std::string& code,
                                         int version) {
  if (version == 0) {
    Framework shipped = bundle::default_framework();
    if (shipped.code != code) return std::nullopt;
    return bundle::write_framework_document(shipped);
  }
  auto row = repo.framework_version(code, version);
  if (!row) return std::nullopt;
  return row->document;
}

std::string canonical(const std::string& document) {
  return bundle::write_framework_document(bundle::read_framework_document(document));
}

// The framework as bundle JSON (the writer's canonical member names), for comparing member by member.
json::object framework_json(const std::string& document) {
  bundle::Bundle b;
  b.framework = bundle::read_framework_document(document);
  return bundle::bundle_to_json(b).as_object().at("framework").as_object();
}

const json::array& array_at(const json::object& o, const char* key) {
  static const json::array empty;
  auto it = o.find(key);
  return it != o.end() && it->value().is_array() ? it->value().as_array() : empty;
}

std::string text_at(const json::object& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}

struct Node {
  std::string kind;
  json::object fields;  // without the children
};

// The framework's own settings (name, grades …), every aspect, indicator, item and check, and every
// negative-list entry by code, in framework order.
void collect(const json::object& framework, std::vector<std::string>& order,
             std::map<std::string, Node>& nodes) {
  auto add = [&](const json::object& o, const char* kind, const char* children) {
    json::object fields = o;
    if (children) fields.erase(children);
    if (std::string_view(kind) == "framework") fields.erase("negative_list");
    std::string code = text_at(o, "code");
    std::string key = std::string(kind) + ":" + code;
    if (!nodes.count(key)) order.push_back(key);
    nodes[key] = Node{kind, std::move(fields)};
  };
  add(framework, "framework", "aspects");
  for (const auto& a : array_at(framework, "aspects")) {
    add(a.as_object(), "aspect", "indicators");
    for (const auto& i : array_at(a.as_object(), "indicators")) {
      add(i.as_object(), "indicator", "items");
      for (const auto& it : array_at(i.as_object(), "items")) {
        add(it.as_object(), "item", "checks");
        for (const auto& c : array_at(it.as_object(), "checks")) add(c.as_object(), "check", nullptr);
      }
    }
  }
  for (const auto& e : array_at(framework, "negative_list")) add(e.as_object(), "negative", nullptr);
}

std::string at(const std::string& path, const char* member, size_t index) {
  return path + "." + member + "[" + std::to_string(index) + "]";
}

// The editor's rules beyond the bundle's: a check costs something when it fails (deduct > 0), and the
// negative-list codes are unique.
void editor_problems(const Framework& f, std::vector<DraftProblem>& out) {
  const std::string p = "framework";
  for (size_t a = 0; a < f.aspects.size(); ++a) {
    const auto& aspect = f.aspects[a];
    for (size_t i = 0; i < aspect.indicators.size(); ++i) {
      const auto& indicator = aspect.indicators[i];
      for (size_t k = 0; k < indicator.items.size(); ++k) {
        const auto& item = indicator.items[k];
        for (size_t c = 0; c < item.checks.size(); ++c) {
          if (item.checks[c].deduct > 0) continue;
          out.push_back(
              {at(at(at(at(p, "aspects", a), "indicators", i), "items", k), "checks", c) + ".deduct",
               "check " + item.checks[c].code + " deducts nothing: a check's deduction must be > 0",
               "framework_draft.deduct_zero"});
        }
      }
    }
  }
  std::set<std::string> seen;
  for (size_t n = 0; n < f.negative_list.size(); ++n) {
    const auto& code = f.negative_list[n].code;
    if (seen.insert(code).second) continue;
    out.push_back({at(p, "negative_list", n) + ".code", "duplicate negative-list code \"" + code + "\"",
                   "framework_draft.negative_duplicate"});
  }
}

// The shortest text that reads back as `v` ("10", "0.5").
std::string shortest(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

std::string node_name(const Node& n) {
  std::string name = text_at(n.fields, "name");
  return name.empty() ? text_at(n.fields, "text") : name;
}

}  // namespace

std::vector<DraftProblem> FrameworkDraftService::problems_of(const std::string& code,
                                                             const std::string& document) {
  std::vector<DraftProblem> out;
  json::value doc;
  try {
    doc = json::parse(document);
  } catch (const std::exception& e) {
    out.push_back({"framework", std::string("not valid JSON: ") + e.what(), "framework_draft.json"});
    return out;
  }
  if (!doc.is_object()) {
    out.push_back({"framework", "must be an object", "framework_draft.json"});
    return out;
  }
  try {
    Framework f = bundle::read_framework_document(document);
    if (f.code != code) {
      out.push_back({"framework.code", "the code of a draft of " + code + " stays " + code,
                     "framework_draft.code_changed"});
    }
    editor_problems(f, out);
    if (auto it = doc.as_object().find("max_total"); it != doc.as_object().end()) {
      if (!it->value().is_number()) {
        out.push_back({"framework.max_total", "must be a number", "framework_draft.total_invalid"});
      } else {
        double stated = it->value().to_number<double>(), sum = f.max_total();
        if (std::fabs(stated - sum) > 1e-9) {
          out.push_back(
              {"framework.max_total",
               "the items' points add up to " + shortest(sum) + ", not the stated " + shortest(stated),
               "framework_draft.total_mismatch"});
        }
      }
    }
  } catch (const InvalidInput& e) {
    out.push_back({e.field(), e.what(), e.key().key.empty() ? "bundle.invalid" : e.key().key});
  }
  return out;
}

FrameworkDraft FrameworkDraftService::create(const Principal& who, const std::string& code,
                                             std::optional<int> from_version) {
  audit_.require(who, Permission::manage_framework);
  TimeMs now = audit_.clock().now_ms();
  return db_.transact([&](soci::session& sql) {
    store::EvaluationRepository repo(sql);
    int base = 0;
    if (from_version) {
      base = *from_version;
    } else if (auto latest = repo.latest_framework(code)) {
      base = latest->version;
    }
    auto document = base_document(repo, code, base);
    if (!document) {
      throw NotFound("framework " + code + " version " + std::to_string(base) + " not found",
                     message_key("framework.version.not_found",
                                 {{"framework", code}, {"version", std::to_string(base)}}));
    }
    store::FrameworkDraftRow row;
    row.code = code;
    row.base_version = base;
    row.document = *document;
    row.created_by = who.username;
    row.created_at = row.updated_at = now;
    long long id = store::FrameworkDraftRepository(sql).insert(row);
    json::object after{{"id", id}, {"code", code}, {"base_version", base}};
    audit_.record(sql, who,
                  AuditEvent{"framework_draft.create", "framework_draft", std::to_string(id), "",
                             json::serialize(after)});
    auto draft = draft_of(*store::FrameworkDraftRepository(sql).find(id));
    draft.problems = problems_of(draft.code, draft.document);
    return draft;
  });
}

FrameworkDraft FrameworkDraftService::get(const Principal& who, long long id) {
  audit_.require(who, Permission::manage_framework);
  auto lease = db_.lease();
  auto row = store::FrameworkDraftRepository(*lease).find(id);
  if (!row) throw draft_not_found(id);
  auto draft = draft_of(*row);
  draft.problems = problems_of(draft.code, draft.document);
  return draft;
}

std::vector<FrameworkDraft> FrameworkDraftService::list(const Principal& who) {
  audit_.require(who, Permission::manage_framework);
  auto lease = db_.lease();
  std::vector<FrameworkDraft> out;
  for (const auto& row : store::FrameworkDraftRepository(*lease).list()) out.push_back(draft_of(row));
  return out;
}

FrameworkDraft FrameworkDraftService::update(const Principal& who, long long id, const std::string& document,
                                             long long version) {
  audit_.require(who, Permission::manage_framework);
  TimeMs now = audit_.clock().now_ms();
  return db_.transact([&](soci::session& sql) {
    store::FrameworkDraftRepository drafts(sql);
    auto row = drafts.find(id);
    if (!row) throw draft_not_found(id);
    if (row->state != "draft") {
      throw Conflict("framework draft " + std::to_string(id) + " is published and never changes", "state",
                     message_key("framework_draft.published", {{"id", std::to_string(id)}}));
    }
    if (!drafts.update_document(id, document, version, now)) {
      throw Conflict(
          "framework draft " + std::to_string(id) + " was changed since version " + std::to_string(version),
          "version", message_key("framework_draft.stale", {{"id", std::to_string(id)}}));
    }
    json::object after{{"id", id}, {"version", version + 1}};
    audit_.record(sql, who,
                  AuditEvent{"framework_draft.update", "framework_draft", std::to_string(id), "",
                             json::serialize(after)});
    auto draft = draft_of(*drafts.find(id));
    draft.problems = problems_of(draft.code, draft.document);
    return draft;
  });
}

DraftDiff FrameworkDraftService::diff(const Principal& who, long long id) {
  audit_.require(who, Permission::manage_framework);
  auto lease = db_.lease();
  auto row = store::FrameworkDraftRepository(*lease).find(id);
  if (!row) throw draft_not_found(id);
  store::EvaluationRepository repo(*lease);
  auto base = base_document(repo, row->code, row->base_version);
  std::vector<std::string> old_order, new_order;
  std::map<std::string, Node> old_nodes, new_nodes;
  collect(framework_json(*base), old_order, old_nodes);
  collect(framework_json(row->document), new_order, new_nodes);  // InvalidInput when the draft breaks a rule
  DraftDiff out;
  for (const auto& key : new_order) {
    const Node& n = new_nodes.at(key);
    std::string code = text_at(n.fields, "code");
    auto old = old_nodes.find(key);
    if (old == old_nodes.end()) {
      out.added.push_back({code, n.kind, node_name(n)});
      continue;
    }
    DiffChange change{code, n.kind, {}};
    std::set<std::string> names;
    for (const auto& kv : old->second.fields) names.insert(std::string(kv.key()));
    for (const auto& kv : n.fields) names.insert(std::string(kv.key()));
    for (const auto& name : names) {
      const json::value* before = old->second.fields.if_contains(name);
      const json::value* after = n.fields.if_contains(name);
      json::value b = before ? *before : json::value(nullptr), a = after ? *after : json::value(nullptr);
      if (b != a) change.fields[name] = {b, a};
    }
    if (!change.fields.empty()) out.changed.push_back(std::move(change));
  }
  for (const auto& key : old_order) {
    if (new_nodes.count(key)) continue;
    const Node& n = old_nodes.at(key);
    out.removed.push_back({text_at(n.fields, "code"), n.kind, node_name(n)});
  }
  return out;
}

PublishedVersion FrameworkDraftService::publish(const Principal& who, long long id) {
  audit_.require(who, Permission::manage_framework);
  TimeMs now = audit_.clock().now_ms();
  return db_.transact([&](soci::session& sql) {
    store::EvaluationRepository repo(sql);
    repo.bump_revision();
    store::FrameworkDraftRepository drafts(sql);
    auto row = drafts.find(id);
    if (!row) throw draft_not_found(id);
    if (row->state != "draft") {
      throw Conflict("framework draft " + std::to_string(id) + " is already published", "state",
                     message_key("framework_draft.published", {{"id", std::to_string(id)}}));
    }
    auto problems = problems_of(row->code, row->document);
    if (!problems.empty()) {
      const auto& p = problems.front();
      throw InvalidInput(p.path, p.message,
                         message_key("framework_draft.problem", {{"path", p.path}, {"problem", p.message}}));
    }
    std::string document = canonical(row->document);
    auto base = base_document(repo, row->code, row->base_version);
    if (base && canonical(*base) == document) {
      throw InvalidInput(
          "document", "the draft does not differ from version " + std::to_string(row->base_version),
          message_key("framework_draft.unchanged", {{"version", std::to_string(row->base_version)}}));
    }
    auto latest = repo.latest_framework(row->code);
    Framework f = bundle::read_framework_document(document);
    store::FrameworkRow fw{0, row->code, latest ? latest->version + 1 : 1, f.name, document, now};
    repo.insert_framework(fw);
    drafts.mark_published(id, fw.version, now);
    repo.bump_structure_revision();
    json::object after{
        {"id", id}, {"code", fw.code}, {"version", fw.version}, {"base_version", row->base_version}};
    audit_.record(sql, who,
                  AuditEvent{"framework.publish", "framework", fw.code, "", json::serialize(after)});
    return PublishedVersion{fw.code, fw.version};
  });
}

}  // namespace civic::service
