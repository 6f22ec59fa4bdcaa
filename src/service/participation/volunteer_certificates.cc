// ActivityService, part 4 (activity_service.h): the volunteer's service certificate — issued as a PDF with a
// verification code, and verified publicly.
#include <soci/soci.h>

#include <set>

#include "domain/core/error.h"
#include "domain/participation/activity.h"
#include "domain/participation/volunteer.h"
#include "domain/reports/document.h"
#include "service/core/json_text.h"
#include "service/core/permission.h"
#include "service/participation/activity_service.h"
#include "service/participation/activity_support.h"
#include "service/reports/render/render.h"
#include "store/participation/activity_repository.h"

namespace civic::service {

using namespace activity_support;  // NOLINT(google-build-using-namespace)

Certificate ActivityService::issue_certificate(const Principal& who, const std::string& volunteer_code) {
  audit_.require(who, Permission::read_volunteers);
  return db_.transact([&](soci::session& sql) {
    auto v = volunteers_.identify(sql, volunteer_code);
    if (!v || !who.in_scope(v->unit_path))
      throw NotFound("no volunteer " + volunteer_code,
                     message_key("volunteer.not_found", {{"code", volunteer_code}}));
    store::ActivityRepository repo(sql);
    Certificate c;
    c.volunteer = v->code;
    c.name = v->name;
    std::string ids = "[";
    for (const auto& r : repo.approved_records(v->id)) {
      c.records.push_back({r.id, r.activity_code, r.activity_title, r.check_in, r.check_out, r.hours});
      c.hours += r.hours;
      ids += (ids.size() > 1 ? "," : "") + std::to_string(r.id);
    }
    ids += "]";
    c.stars = volunteer_stars(c.hours);
    c.issued_by = who.username;
    c.issued_at = audit_.clock().now_ms();
    do {
      c.verification_code = random_verification_code();
    } while (repo.find_certificate(c.verification_code));
    repo.insert_certificate({0, c.verification_code, v->id, c.hours, c.stars, ids, c.issued_by, c.issued_at});
    audit_.record(sql, who,
                  {"volunteer_certificate.issue", "volunteer", v->code, "",
                   JsonText()
                       .add("volunteer", v->code)
                       .add("name", v->masked_name)
                       .add("verification_code", c.verification_code)
                       .add("hours", c.hours)
                       .add("stars", c.stars)
                       .add("records", static_cast<long long>(c.records.size()))
                       .str()});

    reports::Document doc;
    doc.title = "志愿服务证明";
    doc.issuer = "创建全国文明城市工作领导小组办公室";
    doc.date = ymd(c.issued_at);
    doc.footer = "验证码 " + c.verification_code;
    reports::Section opening;
    opening.key = "opening";
    opening.level = 0;
    std::string stars = c.stars > 0 ? std::string() : "无";
    for (int i = 0; i < c.stars; ++i) stars += "★";
    opening.blocks.push_back({reports::Block::Kind::paragraph,
                              "兹证明" + v->name + "（志愿者编号 " + v->code + "）经审核的志愿服务时长累计 " +
                                  hours_text(c.hours) + " 小时，星级" + stars + "。",
                              {},
                              {}});
    doc.sections.push_back(opening);
    reports::Section records;
    records.key = "records";
    records.title = "服务记录";
    reports::Table table;
    table.caption = "经审核的服务记录";
    table.sheet = "服务记录";
    table.header = {"活动编号", "活动", "签到", "签退", "时长（小时）"};
    for (const auto& r : c.records)
      table.rows.push_back({r.activity, r.title, format_rfc3339(r.check_in).substr(0, 16),
                            format_rfc3339(r.check_out).substr(0, 16), hours_text(r.hours)});
    records.blocks.push_back({reports::Block::Kind::table, "", table, {}});
    doc.sections.push_back(records);
    reports::Section verify;
    verify.key = "verify";
    verify.title = "核验";
    verify.blocks.push_back({reports::Block::Kind::paragraph,
                             "本证明的验证码为 " + c.verification_code +
                                 "，可通过 /api/public/certificates/" + c.verification_code + " 核验。",
                             {},
                             {}});
    doc.sections.push_back(verify);
    c.pdf = render::render_document(doc, {}, "pdf").bytes;
    return c;
  });
}

Certificate ActivityService::verify_certificate(const std::string& code) {
  auto lease = db_.lease();
  soci::session& sql = *lease;
  store::ActivityRepository repo(sql);
  auto row = repo.find_certificate(code);
  if (!row) throw NotFound("no certificate " + code, message_key("certificate.not_found", {{"code", code}}));
  Certificate c;
  c.verification_code = row->verification_code;
  c.hours = row->hours;
  c.stars = static_cast<int>(row->stars);
  c.issued_by = row->issued_by;
  c.issued_at = row->issued_at;
  // The records it certified, as they are (a later correction keeps the certified version).
  std::set<long long> certified;
  std::string list = row->record_ids;
  for (size_t i = 0; i < list.size();) {
    if (!std::isdigit(static_cast<unsigned char>(list[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < list.size() && std::isdigit(static_cast<unsigned char>(list[j]))) ++j;
    certified.insert(std::stoll(list.substr(i, j - i)));
    i = j;
  }
  for (long long id : certified) {
    auto r = repo.find_record(id);
    if (!r) continue;
    if (c.volunteer.empty()) c.volunteer = r->volunteer_code;
    c.records.push_back({r->id, r->activity_code, r->activity_title, r->check_in, r->check_out, r->hours});
  }
  long long vid = row->volunteer_id;
  std::string vcode;
  sql << "SELECT code FROM volunteers WHERE id = :i", soci::use(vid), soci::into(vcode);
  auto v = volunteers_.identify(sql, vcode);
  c.volunteer = vcode;
  c.name = v ? v->masked_name : "";
  return c;
}

}  // namespace civic::service
