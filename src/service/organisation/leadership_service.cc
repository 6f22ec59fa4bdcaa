#include "service/organisation/leadership_service.h"

#include <sodium.h>

#include "domain/core/civil_date.h"
#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "domain/participation/volunteer.h"
#include "platform/sealed_box.h"
#include "platform/secret.h"
#include "service/core/json_text.h"
#include "service/core/permission.h"
#include "store/organisation/leadership_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string trimmed(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

// `date` checked as YYYY-MM-DD ("" → `fallback`).
std::string date_or(const std::string& date, const std::string& fallback, const char* field) {
  if (date.empty()) return fallback;
  auto d = parse_iso_date(date);
  if (!d)
    throw InvalidInput(field, std::string(field) + " must be a date YYYY-MM-DD",
                       message_key("input.not_date", {{"field", field}}));
  return to_iso(*d);
}

Unit unit_in_scope(store::Session& sql, const Principal& who, const std::string& code) {
  auto unit = store::UnitRepository(sql).find_by_code(code);
  if (!unit || !who.in_scope(*unit))
    throw NotFound("unit '" + code + "' not found", message_key("unit.not_found", {{"unit", code}}));
  return *unit;
}

store::LeadershipGroupRow group_in_scope(store::Session& sql, const Principal& who, const std::string& code) {
  auto g = store::LeadershipRepository(sql).find_group(code);
  if (!g || !who.in_scope(g->unit_path))
    throw NotFound("no leadership group " + code,
                   message_key("leadership_group.not_found", {{"group", code}}));
  return *g;
}

LeadershipVersion version_of(const store::LeadershipVersionRow& r) {
  LeadershipVersion v;
  v.valid_from = r.valid_from;
  v.valid_to = r.valid_to;
  v.notice = {r.notice_number, r.notice_title, r.notice_file};
  for (const auto& m : r.members) v.members.push_back({m.name, m.position, m.role, m.duties});
  v.created_by = r.created_by;
  v.created_at = r.created_at;
  return v;
}

std::vector<DatedSpan> spans_of(const std::vector<store::LeadershipVersionRow>& rows) {
  std::vector<DatedSpan> spans;
  for (const auto& r : rows) spans.push_back({r.valid_from, r.valid_to});
  return spans;
}

LeadershipGroup group_of(const store::LeadershipGroupRow& g,
                         const std::vector<store::LeadershipVersionRow>& rows, const std::string& date) {
  LeadershipGroup out{g.code, g.unit_code, g.unit_name, g.kind, g.name, g.created_by, g.created_at, date, {}};
  if (auto i = span_in_force_on(spans_of(rows), date)) out.version = version_of(rows[*i]);
  return out;
}

std::vector<std::string> member_texts(const std::vector<store::LeadershipMemberRow>& members) {
  std::vector<std::string> out;
  for (const auto& m : members)
    out.push_back(m.role + " " + m.name + (m.position.empty() ? "" : "（" + m.position + "）"));
  return out;
}

// Checks the version input; the rows of the new version (group_id and created_* to be set).
store::LeadershipVersionRow version_row(store::Session& sql, const LeadershipVersionInput& in,
                                        const std::string& today) {
  store::LeadershipVersionRow row;
  row.valid_from = date_or(in.valid_from, today, "valid_from");
  if (blank(in.notice.number))
    throw InvalidInput("notice.number", "the notice's number is required (〔2026〕12号)",
                       message_key("leadership_group.notice.number.required"));
  if (blank(in.notice.title))
    throw InvalidInput("notice.title", "the notice's title is required",
                       message_key("leadership_group.notice.title.required"));
  if (!in.notice.file.empty() && !store::LeadershipRepository(sql).stored_file_exists(in.notice.file))
    throw InvalidInput("notice.file", "no stored file " + in.notice.file,
                       message_key("leadership_group.notice.file.unknown", {{"file", in.notice.file}}));
  row.notice_number = trimmed(in.notice.number);
  row.notice_title = trimmed(in.notice.title);
  row.notice_file = in.notice.file;
  check_leadership_members(in.members);
  int order = 0;
  for (const auto& m : in.members)
    row.members.push_back({trimmed(m.name), trimmed(m.position), m.role, m.duties, ++order});
  return row;
}

std::string version_audit(const std::string& group, const store::LeadershipVersionRow& v) {
  return JsonText()
      .add("group", group)
      .add("valid_from", v.valid_from)
      .add("valid_to", v.valid_to)
      .add("notice_number", v.notice_number)
      .add("notice_title", v.notice_title)
      .add("notice_file", v.notice_file)
      .add("members", member_texts(v.members))
      .str();
}

}  // namespace

LeadershipService::LeadershipService(store::Database& db, AuditService& audit) : db_(db), audit_(audit) {
  platform::ensure_sodium();
  std::string key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES, '\0');
  randombytes_buf(key.data(), key.size());
  key_ = std::move(key);
}

void LeadershipService::set_key(std::string key) {
  key_ = std::move(key);
}

std::string LeadershipService::today() const {
  return to_iso(civil_date_of(audit_.clock().now_ms()));
}

std::vector<LeadershipGroup> LeadershipService::groups(const Principal& who, const std::string& unit,
                                                       const std::string& date) {
  audit_.require(who, Permission::read_units);
  std::string day = date_or(date, today(), "date");
  auto lease = db_.lease();
  Unit u = unit_in_scope(*lease, who, unit);
  store::LeadershipRepository repo(*lease);
  std::vector<LeadershipGroup> out;
  for (const auto& g : repo.groups_of_unit(u.id)) out.push_back(group_of(g, repo.versions(g.id), day));
  return out;
}

LeadershipGroup LeadershipService::create_group(const Principal& who, const std::string& unit,
                                                const LeadershipGroupInput& in) {
  audit_.require(who, Permission::manage_leadership);
  if (!valid_leadership_group_kind(in.kind))
    throw InvalidInput("kind", "kind is 领导小组, 指导委员会 or 其他",
                       message_key("leadership_group.kind.invalid", {{"kind", in.kind}}));
  if (blank(in.name))
    throw InvalidInput("name", "the group's name is required", message_key("leadership_group.name.required"));
  if (!in.code.empty()) validate_unit_code(in.code);
  return db_.transact([&](soci::session& sql) {
    Unit u = unit_in_scope(sql, who, unit);
    store::LeadershipRepository repo(sql);
    store::LeadershipGroupRow g;
    g.code = in.code;
    if (g.code.empty()) {
      size_t n = repo.groups_of_unit(u.id).size();
      do {
        g.code = u.code + "-LG" + std::to_string(++n);
      } while (repo.find_group(g.code));
    } else if (repo.find_group(g.code)) {
      throw Conflict("leadership group " + g.code + " exists", "code",
                     message_key("leadership_group.exists", {{"group", g.code}}));
    }
    store::LeadershipVersionRow v = version_row(sql, in.first, today());
    g.unit_id = u.id;
    g.kind = in.kind;
    g.name = trimmed(in.name);
    g.created_by = v.created_by = who.username;
    g.created_at = v.created_at = audit_.clock().now_ms();
    g.id = repo.insert_group(g);
    v.group_id = g.id;
    repo.insert_version(v);
    audit_.record(sql, who,
                  {"leadership_group.create", "leadership_group", g.code, "",
                   JsonText()
                       .add("code", g.code)
                       .add("unit", u.code)
                       .add("kind", g.kind)
                       .add("name", g.name)
                       .add("valid_from", v.valid_from)
                       .add("notice_number", v.notice_number)
                       .add("members", member_texts(v.members))
                       .str()});
    auto row = repo.find_group(g.code);
    return group_of(*row, repo.versions(g.id), v.valid_from);
  });
}

LeadershipGroup LeadershipService::group(const Principal& who, const std::string& code,
                                         const std::string& date) {
  audit_.require(who, Permission::read_units);
  std::string day = date_or(date, today(), "date");
  auto lease = db_.lease();
  auto g = group_in_scope(*lease, who, code);
  return group_of(g, store::LeadershipRepository(*lease).versions(g.id), day);
}

std::vector<LeadershipVersion> LeadershipService::versions(const Principal& who, const std::string& code) {
  audit_.require(who, Permission::read_units);
  auto lease = db_.lease();
  auto g = group_in_scope(*lease, who, code);
  std::vector<LeadershipVersion> out;
  for (const auto& r : store::LeadershipRepository(*lease).versions(g.id)) out.push_back(version_of(r));
  return out;
}

LeadershipVersion LeadershipService::reform(const Principal& who, const std::string& code,
                                            const LeadershipVersionInput& in) {
  audit_.require(who, Permission::manage_leadership);
  return db_.transact([&](soci::session& sql) {
    auto g = group_in_scope(sql, who, code);
    store::LeadershipRepository repo(sql);
    store::LeadershipVersionRow v = version_row(sql, in, today());
    auto rows = repo.versions(g.id);
    std::string before;
    if (auto closes = check_new_span(spans_of(rows), v.valid_from, "leadership_group")) {
      before = version_audit(g.code, rows[*closes]);
      repo.close_version(rows[*closes].id, v.valid_from);
    }
    v.group_id = g.id;
    v.created_by = who.username;
    v.created_at = audit_.clock().now_ms();
    repo.insert_version(v);
    audit_.record(sql, who,
                  {"leadership_group.reform", "leadership_group", g.code, before, version_audit(g.code, v)});
    for (const auto& r : repo.versions(g.id)) {
      if (r.valid_from == v.valid_from) return version_of(r);
    }
    throw std::logic_error("the new version was not stored");
  });
}

UnitResponsible LeadershipService::responsible_in(store::Session& sql, const Unit& unit, bool reveal) const {
  UnitResponsible out;
  out.unit = unit.code;
  out.unit_name = unit.name;
  out.date = today();
  for (const auto& r : store::LeadershipRepository(sql).responsible_of_unit(unit.id)) {
    ResponsiblePerson p;
    p.kind = r.kind;
    p.name = r.name;
    p.position = r.position;
    std::string phone = platform::open_sealed(key_, r.phone_sealed);
    p.phone = reveal ? phone : mask_phone(phone);
    p.revealed = reveal;
    p.valid_from = r.valid_from;
    p.valid_to = r.valid_to;
    p.created_by = r.created_by;
    p.created_at = r.created_at;
    if (span_in_force({r.valid_from, r.valid_to}, out.date)) {
      (r.kind == "first_responsible" ? out.first_responsible : out.liaison) = p;
    }
    out.history.push_back(std::move(p));
  }
  return out;
}

UnitResponsible LeadershipService::responsible(const Principal& who, const std::string& unit,
                                               const std::string& reveal) {
  audit_.require(who, Permission::read_units);
  if (!reveal.empty() && reveal != "phone")
    throw InvalidInput("reveal", "reveal is phone",
                       message_key("responsible_person.reveal.unknown", {{"reveal", reveal}}));
  if (reveal.empty()) {
    auto lease = db_.lease();
    return responsible_in(*lease, unit_in_scope(*lease, who, unit), false);
  }
  audit_.require(who, Permission::reveal_personal_data);
  return db_.transact([&](soci::session& sql) {
    Unit u = unit_in_scope(sql, who, unit);
    UnitResponsible out = responsible_in(sql, u, true);
    audit_.record(sql, who,
                  {"unit_responsible.reveal", "unit", u.code, "",
                   JsonText()
                       .add("unit", u.code)
                       .add("field", "phone")
                       .add("holders", static_cast<long long>(out.history.size()))
                       .str()});
    return out;
  });
}

UnitResponsible LeadershipService::set_responsible(const Principal& who, const std::string& unit,
                                                   const ResponsiblePersonInput& in) {
  audit_.require(who, Permission::manage_leadership);
  if (!valid_responsible_kind(in.kind))
    throw InvalidInput("kind", "kind is first_responsible or liaison",
                       message_key("responsible_person.kind.invalid", {{"kind", in.kind}}));
  if (blank(in.name))
    throw InvalidInput("name", "the person's name is required",
                       message_key("responsible_person.name.required"));
  if (!in.phone.empty() && !valid_mainland_phone(in.phone))
    throw InvalidInput("phone", "phone must be 11 digits beginning with 1",
                       message_key("responsible_person.phone.invalid"));
  return db_.transact([&](soci::session& sql) {
    Unit u = unit_in_scope(sql, who, unit);
    store::LeadershipRepository repo(sql);
    store::ResponsiblePersonRow row;
    row.unit_id = u.id;
    row.kind = in.kind;
    row.name = trimmed(in.name);
    row.position = trimmed(in.position);
    row.phone_sealed = platform::seal(key_, in.phone);
    row.valid_from = date_or(in.valid_from, today(), "valid_from");
    row.created_by = who.username;
    row.created_at = audit_.clock().now_ms();
    std::vector<store::ResponsiblePersonRow> same;
    std::vector<DatedSpan> spans;
    for (const auto& r : repo.responsible_of_unit(u.id)) {
      if (r.kind != in.kind) continue;
      same.push_back(r);
      spans.push_back({r.valid_from, r.valid_to});
    }
    std::string before;
    if (auto closes = check_new_span(spans, row.valid_from, "responsible_person")) {
      const auto& old = same[*closes];
      before = JsonText()
                   .add("kind", old.kind)
                   .add("name", old.name)
                   .add("position", old.position)
                   .add("phone", mask_phone(platform::open_sealed(key_, old.phone_sealed)))
                   .add("valid_from", old.valid_from)
                   .add("valid_to", old.valid_to)
                   .str();
      repo.close_responsible(old.id, row.valid_from);
    }
    repo.insert_responsible(row);
    audit_.record(sql, who,
                  {"unit_responsible.set", "unit", u.code, before,
                   JsonText()
                       .add("kind", row.kind)
                       .add("name", row.name)
                       .add("position", row.position)
                       .add("phone", mask_phone(in.phone))
                       .add("valid_from", row.valid_from)
                       .str()});
    return responsible_in(sql, u, false);
  });
}

}  // namespace civic::service
