// NationalVolunteerSheet: a period's approved service records in the layout the national volunteer
// information system (全国志愿服务信息系统) takes for a batch of service hours, so a city uploads what Civic
// recorded instead of typing it in again (issue 16 "Export"). One row per record — the latest approved
// version of each, of activities (not cancelled) starting in the period — with the volunteer named by
// 证件类型 and 证件号码 in full, which is what the system matches a volunteer on.
//   The ID numbers and phones are personal information in full: the caller needs read_activities and
//   reveal_personal_data (the office); the organiser unit must be in the caller's scope (and within `unit`
//   when one is given: 400 activity.unit.unknown otherwise); each export is audited
//   (service_record.export_national: period, unit, the numbers of records and volunteers — no personal data).
#pragma once

#include <string>
#include <vector>

#include "domain/core/clock.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "service/participation/volunteer_service.h"
#include "store/core/database.h"

namespace civic::service {

struct NationalRecordLine {
  long long record_id = 0;
  std::string name, id_type, id_number, phone;  // id_type: 居民身份证
  std::string activity, activity_title, activity_type, place;
  std::string organiser, organiser_name;  // the organiser unit's code and name
  TimeMs check_in = 0, check_out = 0;
  double hours = 0;
  std::string recorded_by;  // who approved the record
  TimeMs recorded_at = 0;
};

class NationalVolunteerSheet {
 public:
  NationalVolunteerSheet(store::Database& db, AuditService& audit, VolunteerService& volunteers);

  // `period`: as participation_period.h reads it (required: 400 activity.period.required).
  std::vector<NationalRecordLine> lines(const Principal& who, const std::string& unit,
                                        const std::string& period);

  // The sheet: its header row, and a line as cells (times in the business time zone, "2026-03-02 09:00";
  // hours with one decimal). `index` is the 序号, from 1.
  static std::vector<std::string> header();
  static std::vector<std::string> cells(const NationalRecordLine& line, size_t index);

 private:
  store::Database& db_;
  AuditService& audit_;
  VolunteerService& volunteers_;
};

}  // namespace civic::service
