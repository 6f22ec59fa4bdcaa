#include "service/participation/volunteer_service.h"

#include <soci/soci.h>
#include <sodium.h>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "domain/core/error.h"
#include "domain/participation/volunteer.h"
#include "platform/sealed_box.h"
#include "platform/secret.h"
#include "service/core/json_text.h"
#include "service/core/permission.h"
#include "service/evaluation/computed_statistics.h"
#include "store/participation/volunteer_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

constexpr size_t kMaxSkills = 20;

std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// "V" and 8 random decimal digits (codes are not guessable in sequence; the public gets theirs back).
std::string random_code(const char* prefix) {
  std::string code = prefix;
  for (int i = 0; i < 8; ++i) code += static_cast<char>('0' + randombytes_uniform(10));
  return code;
}

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size() && !list.empty()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) out.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

void check_input(const VolunteerInput& in) {
  if (blank(in.name)) throw InvalidInput("name", "name is required", message_key("volunteer.name.required"));
  if (!valid_mainland_phone(in.phone))
    throw InvalidInput("phone", "phone must be 11 digits beginning with 1",
                       message_key("volunteer.phone.invalid"));
  if (!valid_id_number(in.id_number))
    throw InvalidInput("id_number",
                       "id_number must be an 18-character resident ID number with its check digit",
                       message_key("volunteer.id_number.invalid"));
  if (in.skills.size() > kMaxSkills)
    throw InvalidInput("skills", "at most 20 skills",
                       message_key("volunteer.skills.too_many", {{"max", std::to_string(kMaxSkills)}}));
  for (size_t i = 0; i < in.skills.size(); ++i) {
    if (blank(in.skills[i]) || in.skills[i].find(',') != std::string::npos)
      throw InvalidInput("skills[" + std::to_string(i) + "]", "a skill is a non-empty text without commas",
                         message_key("volunteer.skill.invalid"));
  }
}

Unit community_of(store::Session& sql, const Principal* who, const std::string& code) {
  auto unit = store::UnitRepository(sql).find_by_code(code);
  if (!unit || (who && !who->in_scope(*unit)))
    throw InvalidInput("unit", "unknown unit " + code,
                       message_key("volunteer.unit.unknown", {{"unit", code}}));
  if (unit->type != UnitType::community)
    throw InvalidInput("unit", "unit " + code + " is not a community",
                       message_key("volunteer.unit.not_community", {{"unit", code}}));
  return *unit;
}

std::string audit_json(const store::VolunteerRow& row, const std::string& masked_name) {
  return JsonText()
      .add("code", row.code)
      .add("name", masked_name)
      .add("unit", row.unit_code)
      .add("state", row.state)
      .add("source", row.source)
      .add("skills", split(row.skills))
      .add("confirmed_by", row.confirmed_by)
      .add("rejected_reason", row.rejected_reason)
      .str();
}

VolunteerTeam team_of(const store::VolunteerTeamRow& r) {
  return {r.code, r.name, r.unit_code, r.unit_name, r.members, r.created_by, r.created_at};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

VolunteerService::VolunteerService(store::Database& db, AuditService& audit) : db_(db), audit_(audit) {
  platform::ensure_sodium();
  std::string key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES, '\0');
  randombytes_buf(key.data(), key.size());
  set_key(std::move(key));
}

void VolunteerService::set_key(std::string key) {
  key_ = std::move(key);
  hash_key_ = platform::hmac_sha256_raw(key_, "civic volunteers: id_number hash");
}

Volunteer VolunteerService::insert(store::Session& sql, const Principal* who, const VolunteerInput& in,
                                   TimeMs now) {
  check_input(in);
  Unit unit = community_of(sql, who, in.unit);
  std::string id_number = canonical_id_number(in.id_number);
  store::VolunteerRepository repo(sql);
  store::VolunteerRow row;
  row.id_number_hash = hex(platform::hmac_sha256_raw(hash_key_, id_number));
  if (repo.hash_exists(row.id_number_hash))
    throw Conflict("a volunteer with this ID number is registered already", "id_number",
                   message_key("volunteer.id_number.duplicate"));
  do {
    row.code = random_code("V");
  } while (repo.find(row.code));
  std::string name = in.name.substr(in.name.find_first_not_of(" \t"));
  row.name_sealed = platform::seal(key_, name);
  row.phone_sealed = platform::seal(key_, in.phone);
  row.id_number_sealed = platform::seal(key_, id_number);
  row.unit_id = unit.id;
  row.unit_code = unit.code;
  row.skills = join(in.skills);
  row.availability = in.availability;
  row.state = who ? "confirmed" : "pending";
  row.source = who ? "office" : "public";
  row.registered_at = row.updated_at = now;
  if (who) {
    row.registered_by = row.confirmed_by = who->username;
    row.confirmed_at = now;
  }
  row.id = repo.insert(row);
  if (who) ComputedStatistics::refresh(sql);  // a confirmed volunteer counts in volunteer_share
  Principal anonymous;
  anonymous.username = "public";
  audit_.record(sql, who ? *who : anonymous,
                {who ? "volunteer.enter" : "volunteer.register", "volunteer", row.code, "",
                 audit_json(row, mask_name(name))});
  return get_row(sql, *repo.find(row.code), "");
}

Volunteer VolunteerService::get_row(store::Session& sql, const store::VolunteerRow& row,
                                    const std::string& reveal, const std::vector<std::string>* teams,
                                    const double* hours) const {
  Volunteer v;
  v.code = row.code;
  v.name = platform::open_sealed(key_, row.name_sealed);
  v.masked_name = mask_name(v.name);
  std::string phone = platform::open_sealed(key_, row.phone_sealed);
  std::string id_number = platform::open_sealed(key_, row.id_number_sealed);
  v.phone = reveal == "phone" ? phone : mask_phone(phone);
  v.id_number = reveal == "id_number" ? id_number : mask_id_number(id_number);
  v.revealed = reveal;
  v.unit = row.unit_code;
  v.unit_name = row.unit_name;
  v.skills = split(row.skills);
  v.availability = row.availability;
  v.state = row.state;
  v.source = row.source;
  v.registered_at = row.registered_at;
  v.registered_by = row.registered_by;
  v.confirmed_by = row.confirmed_by;
  v.confirmed_at = row.confirmed_at;
  v.rejected_reason = row.rejected_reason;
  v.teams = teams ? *teams : store::VolunteerRepository(sql).team_codes_of(row.id);
  v.hours = hours ? *hours : store::VolunteerRepository(sql).approved_hours(row.id);
  v.stars = volunteer_stars(v.hours);
  return v;
}

Volunteer VolunteerService::register_public(const VolunteerInput& input) {
  return db_.transact(
      [&](soci::session& sql) { return insert(sql, nullptr, input, audit_.clock().now_ms()); });
}

Volunteer VolunteerService::enter(const Principal& who, const VolunteerInput& input) {
  audit_.require(who, Permission::manage_volunteers);
  return db_.transact([&](soci::session& sql) { return insert(sql, &who, input, audit_.clock().now_ms()); });
}

std::vector<std::string> VolunteerService::enter_many(const Principal& who,
                                                      const std::vector<VolunteerInput>& inputs) {
  audit_.require(who, Permission::manage_volunteers);
  return db_.transact([&](soci::session& sql) {
    TimeMs now = audit_.clock().now_ms();
    store::VolunteerRepository repo(sql);
    std::unordered_map<std::string, Unit> communities;
    std::map<std::string, long long> per_community;  // entered per community code
    std::vector<store::VolunteerRow> rows;
    std::vector<std::string> hashes, codes;
    std::unordered_set<std::string> seen;
    for (size_t i = 0; i < inputs.size(); ++i) {
      const VolunteerInput& in = inputs[i];
      std::string at = "volunteers[" + std::to_string(i) + "]";
      try {
        check_input(in);
        auto unit = communities.find(in.unit);
        if (unit == communities.end())
          unit = communities.emplace(in.unit, community_of(sql, &who, in.unit)).first;
        store::VolunteerRow row;
        std::string id_number = canonical_id_number(in.id_number);
        row.id_number_hash = hex(platform::hmac_sha256_raw(hash_key_, id_number));
        if (!seen.insert(row.id_number_hash).second)
          throw Conflict("this ID number is in the roster twice", "id_number",
                         message_key("volunteer.id_number.duplicate"));
        row.name_sealed = platform::seal(key_, in.name.substr(in.name.find_first_not_of(" \t")));
        row.phone_sealed = platform::seal(key_, in.phone);
        row.id_number_sealed = platform::seal(key_, id_number);
        row.unit_id = unit->second.id;
        row.unit_code = unit->second.code;
        row.skills = join(in.skills);
        row.availability = in.availability;
        row.state = "confirmed";
        row.source = "office";
        row.registered_at = row.updated_at = row.confirmed_at = now;
        row.registered_by = row.confirmed_by = who.username;
        hashes.push_back(row.id_number_hash);
        rows.push_back(std::move(row));
        ++per_community[in.unit];
      } catch (const InvalidInput& e) {
        throw InvalidInput(at + "." + e.field(), e.what(), e.key());
      } catch (const Conflict& e) {
        throw Conflict(e.what(), at + ".id_number", e.key());
      }
    }
    auto registered = repo.existing_hashes(hashes);
    for (size_t i = 0; i < rows.size(); ++i) {
      if (registered.count(rows[i].id_number_hash))
        throw Conflict("a volunteer with this ID number is registered already",
                       "volunteers[" + std::to_string(i) + "].id_number",
                       message_key("volunteer.id_number.duplicate"));
    }
    // Random codes, drawn again where one is taken (stored, or drawn twice here).
    std::unordered_set<std::string> drawn;
    for (auto& row : rows) {
      do {
        row.code = random_code("V");
      } while (!drawn.insert(row.code).second);
      codes.push_back(row.code);
    }
    for (auto taken = repo.existing_codes(codes); !taken.empty(); taken = repo.existing_codes(codes)) {
      for (size_t i = 0; i < rows.size(); ++i) {
        if (!taken.count(rows[i].code)) continue;
        do {
          rows[i].code = random_code("V");
        } while (!drawn.insert(rows[i].code).second);
        codes[i] = rows[i].code;
      }
    }
    repo.insert_many(rows);
    ComputedStatistics::refresh(sql);
    audit_.record(sql, who,
                  {"volunteer.enter_many", "volunteer", "", "",
                   JsonText()
                       .add("count", static_cast<long long>(rows.size()))
                       .add("communities", static_cast<long long>(per_community.size()))
                       .str()});
    return codes;
  });
}

std::vector<Volunteer> VolunteerService::matching(const Principal& who, const VolunteerFilter& f) {
  if (!f.state.empty() && !valid_volunteer_state(f.state))
    throw InvalidInput("state", "state is pending, confirmed or rejected",
                       message_key("volunteer.state.unknown", {{"state", f.state}}));
  auto lease = db_.lease();
  soci::session& sql = *lease;
  store::VolunteerRepository repo(sql);
  std::string unit_path;
  if (!f.unit.empty()) {
    auto unit = store::UnitRepository(sql).find_by_code(f.unit);
    if (!unit || !who.in_scope(*unit))
      throw InvalidInput("unit", "unknown unit " + f.unit,
                         message_key("volunteer.unit.unknown", {{"unit", f.unit}}));
    unit_path = unit->path;
  }
  std::vector<long long> members;
  if (!f.team.empty()) {
    auto team = repo.find_team(f.team);
    if (!team || !who.in_scope(team->unit_path))
      throw InvalidInput("team", "unknown team " + f.team,
                         message_key("volunteer_team.not_found", {{"team", f.team}}));
    members = repo.members(team->id);
  }
  std::vector<Volunteer> out;
  auto teams = repo.team_codes_by_volunteer();  // one query, not one per volunteer
  auto hours = repo.approved_hours_by_volunteer();
  const std::vector<std::string> no_teams;
  const double no_hours = 0;
  for (const auto& row : repo.list()) {
    if (!who.in_scope(row.unit_path)) continue;
    if (!f.state.empty() && row.state != f.state) continue;
    if (!unit_path.empty() && !path_in_scope(unit_path, row.unit_path)) continue;
    if (!f.team.empty() && std::find(members.begin(), members.end(), row.id) == members.end()) continue;
    auto own = teams.find(row.id);
    auto approved = hours.find(row.id);
    Volunteer v = get_row(sql, row, "", own == teams.end() ? &no_teams : &own->second,
                          approved == hours.end() ? &no_hours : &approved->second);
    if (!f.q.empty() && !contains(v.code, f.q) && !contains(v.name, f.q)) continue;
    out.push_back(std::move(v));
  }
  return out;
}

Page<Volunteer> VolunteerService::list(const Principal& who, const VolunteerFilter& f,
                                       const PageRequest& page) {
  audit_.require(who, Permission::read_volunteers);
  page.validate();
  std::vector<Volunteer> all = matching(who, f);
  Page<Volunteer> out;
  out.total = static_cast<long long>(all.size());
  out.page = page.page;
  out.page_size = page.page_size;
  for (long long i = page.offset(); i < out.total && i < page.offset() + page.page_size; ++i)
    out.items.push_back(std::move(all[static_cast<size_t>(i)]));
  return out;
}

std::vector<Volunteer> VolunteerService::export_list(const Principal& who, const VolunteerFilter& f) {
  audit_.require(who, Permission::read_volunteers);
  std::vector<Volunteer> all = matching(who, f);
  audit_.record(who, {"volunteer.export", "volunteer", "", "",
                      JsonText()
                          .add("state", f.state)
                          .add("unit", f.unit)
                          .add("team", f.team)
                          .add("q", f.q)
                          .add("count", static_cast<long long>(all.size()))
                          .str()});
  return all;
}

store::VolunteerRow VolunteerService::load(store::Session& sql, const Principal& who,
                                           const std::string& code) {
  auto row = store::VolunteerRepository(sql).find(code);
  if (!row || !who.in_scope(row->unit_path))
    throw NotFound("no volunteer " + code, message_key("volunteer.not_found", {{"code", code}}));
  return *row;
}

Volunteer VolunteerService::get(const Principal& who, const std::string& code, const std::string& reveal) {
  audit_.require(who, Permission::read_volunteers);
  if (!reveal.empty() && reveal != "phone" && reveal != "id_number")
    throw InvalidInput("reveal", "reveal is phone or id_number",
                       message_key("volunteer.reveal.unknown", {{"reveal", reveal}}));
  if (reveal.empty()) {
    auto lease = db_.lease();
    return get_row(*lease, load(*lease, who, code), "");
  }
  audit_.require(who, Permission::reveal_personal_data);
  return db_.transact([&](soci::session& sql) {
    store::VolunteerRow row = load(sql, who, code);
    Volunteer v = get_row(sql, row, reveal);
    audit_.record(
        sql, who,
        {"volunteer.reveal", "volunteer", row.code, "",
         JsonText().add("volunteer", row.code).add("name", v.masked_name).add("field", reveal).str()});
    return v;
  });
}

Volunteer VolunteerService::decide(const Principal& who, const std::string& code, bool confirm,
                                   const std::string& reason) {
  audit_.require(who, Permission::manage_volunteers);
  if (!confirm && blank(reason))
    throw InvalidInput("reason", "a rejection needs a reason", message_key("volunteer.reason.required"));
  return db_.transact([&](soci::session& sql) {
    store::VolunteerRow row = load(sql, who, code);
    std::string name = platform::open_sealed(key_, row.name_sealed);
    std::string before = audit_json(row, mask_name(name));
    if (row.state != "pending")
      throw Conflict("volunteer " + code + " is " + row.state + ", not pending", "state",
                     message_key("volunteer.state", {{"state", row.state}}));
    TimeMs now = audit_.clock().now_ms();
    row.state = confirm ? "confirmed" : "rejected";
    row.confirmed_by = who.username;
    row.confirmed_at = now;
    row.rejected_reason = confirm ? "" : reason;
    row.updated_at = now;
    store::VolunteerRepository(sql).update_state(row);
    if (confirm) ComputedStatistics::refresh(sql);
    audit_.record(sql, who,
                  {confirm ? "volunteer.confirm" : "volunteer.reject", "volunteer", code, before,
                   audit_json(row, mask_name(name))});
    return get_row(sql, row, "");
  });
}

Volunteer VolunteerService::confirm(const Principal& who, const std::string& code) {
  return decide(who, code, true, "");
}

Volunteer VolunteerService::reject(const Principal& who, const std::string& code, const std::string& reason) {
  return decide(who, code, false, reason);
}

std::vector<VolunteerTeam> VolunteerService::teams(const Principal& who) {
  audit_.require(who, Permission::read_volunteers);
  auto lease = db_.lease();
  std::vector<VolunteerTeam> out;
  for (const auto& r : store::VolunteerRepository(*lease).teams())
    if (who.in_scope(r.unit_path)) out.push_back(team_of(r));
  return out;
}

VolunteerTeam VolunteerService::create_team(const Principal& who, const VolunteerTeamInput& in) {
  audit_.require(who, Permission::manage_volunteers);
  if (blank(in.name))
    throw InvalidInput("name", "name is required", message_key("volunteer_team.name.required"));
  if (!in.code.empty()) validate_unit_code(in.code);
  return db_.transact([&](soci::session& sql) {
    auto unit = store::UnitRepository(sql).find_by_code(in.unit);
    if (!unit || !who.in_scope(*unit))
      throw InvalidInput("unit", "unknown unit " + in.unit,
                         message_key("volunteer.unit.unknown", {{"unit", in.unit}}));
    store::VolunteerRepository repo(sql);
    store::VolunteerTeamRow row;
    row.code = in.code;
    if (row.code.empty()) {
      do {
        row.code = random_code("T");
      } while (repo.find_team(row.code));
    } else if (repo.find_team(row.code)) {
      throw Conflict("team " + row.code + " exists already", "code",
                     message_key("volunteer_team.exists", {{"code", row.code}}));
    }
    row.name = in.name;
    row.unit_id = unit->id;
    row.created_by = who.username;
    row.created_at = audit_.clock().now_ms();
    repo.insert_team(row);
    audit_.record(sql, who,
                  {"volunteer_team.create", "volunteer_team", row.code, "",
                   JsonText().add("code", row.code).add("name", row.name).add("unit", unit->code).str()});
    return team_of(*repo.find_team(row.code));
  });
}

VolunteerTeam VolunteerService::change_member(const Principal& who, const std::string& team_code,
                                              const std::string& volunteer_code, bool add) {
  audit_.require(who, Permission::manage_volunteers);
  return db_.transact([&](soci::session& sql) {
    store::VolunteerRepository repo(sql);
    auto team = repo.find_team(team_code);
    if (!team || !who.in_scope(team->unit_path))
      throw NotFound("no team " + team_code, message_key("volunteer_team.not_found", {{"team", team_code}}));
    auto volunteer = repo.find(volunteer_code);
    if (!volunteer || !who.in_scope(volunteer->unit_path))
      throw InvalidInput("volunteer", "unknown volunteer " + volunteer_code,
                         message_key("volunteer.not_found", {{"code", volunteer_code}}));
    if (add) {
      if (!path_in_scope(team->unit_path, volunteer->unit_path))
        throw InvalidInput("volunteer", "volunteer " + volunteer_code + " lives outside the team's unit",
                           message_key("volunteer_team.outside_unit",
                                       {{"volunteer", volunteer_code}, {"unit", team->unit_code}}));
      if (volunteer->state != "confirmed")
        throw Conflict("volunteer " + volunteer_code + " is not confirmed", "volunteer",
                       message_key("volunteer.not_confirmed", {{"code", volunteer_code}}));
      if (repo.add_member(team->id, volunteer->id, who.username, audit_.clock().now_ms()))
        audit_.record(sql, who,
                      {"volunteer_team.add_member", "volunteer_team", team->code, "",
                       JsonText().add("volunteer", volunteer->code).str()});
    } else {
      if (!repo.remove_member(team->id, volunteer->id))
        throw NotFound("volunteer " + volunteer_code + " is not in team " + team_code,
                       message_key("volunteer_team.member.not_found", {{"volunteer", volunteer_code}}));
      audit_.record(sql, who,
                    {"volunteer_team.remove_member", "volunteer_team", team->code,
                     JsonText().add("volunteer", volunteer->code).str(), ""});
    }
    return team_of(*repo.find_team(team_code));
  });
}

VolunteerTeam VolunteerService::add_member(const Principal& who, const std::string& team,
                                           const std::string& volunteer) {
  return change_member(who, team, volunteer, true);
}

VolunteerTeam VolunteerService::remove_member(const Principal& who, const std::string& team,
                                              const std::string& volunteer) {
  return change_member(who, team, volunteer, false);
}

std::optional<VolunteerIdentity> VolunteerService::identify(store::Session& sql, const std::string& code,
                                                            bool with_id_number) const {
  auto row = store::VolunteerRepository(sql).find(code);
  if (!row) return std::nullopt;
  VolunteerIdentity v;
  v.id = row->id;
  v.code = row->code;
  v.name = platform::open_sealed(key_, row->name_sealed);
  v.masked_name = mask_name(v.name);
  v.phone = platform::open_sealed(key_, row->phone_sealed);
  if (with_id_number) v.id_number = platform::open_sealed(key_, row->id_number_sealed);
  v.state = row->state;
  v.unit = row->unit_code;
  v.unit_path = row->unit_path;
  return v;
}

}  // namespace civic::service
