// The materials deadline (both backends): a stored deadline replaces the default (end minus 15 days) for
// MaterialService::submit — a later one lets a draft be submitted after the default, a past one refuses it
// with 409 material.deadline; only a reviewer sets it, on an open period, with a real date; audited.
#include "service/materials/material_deadline.h"

#include <gtest/gtest.h>

#include "bundle/bundle_reader.h"
#include "domain/core/civil_date.h"
#include "domain/core/error.h"
#include "service/core/services.h"
#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

const char* kBundle =
    R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1",
  "name":"方面","indicators":[{"code":"A1.1","name":"指标","items":[
    {"code":"A1.1.1","name":"制度","max_score":2,"method":"material"},
    {"code":"A1.1.2","name":"台账","max_score":3,"method":"material"}]}]}]},
  "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"}],
  "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}]})";

TimeMs at(const char* date) {
  return static_cast<TimeMs>(day_number(*parse_iso_date(date))) * 86'400'000 + 2 * 3'600'000;
}

class MaterialDeadlineTest : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(MaterialDeadlineTest);

TEST_P(MaterialDeadlineTest, AStoredDeadlineDecidesWhetherADraftMaySubmit) {
  store::TestDatabase db(GetParam());
  ManualClock clock(at("2026-06-20"));  // after the default deadline 2026-06-15
  Services s(db.db(), clock);
  Principal cli = Principal::cli();
  s.evaluation.import_bundle(cli, bundle::read_bundle(kBundle));
  s.users.add(cli, {"d1", "d1 测试", "D1", {Role::unit_officer}, std::string("Civic-test-2026")});
  Principal d1 = s.auth.authenticate_api_token(s.auth.create_api_token(cli, "d1", "tests").token, "");

  auto late = s.materials.create(d1, {"2026H1", "A1.1.1", "D1", "制度", {}});
  try {
    s.materials.submit(d1, late.id);
    ADD_FAILURE() << "submitted after the default deadline";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.key().key, "material.deadline");
  }

  EXPECT_THROW(set_material_deadline(s.db, s.audit, d1, "2026H1", "2026-06-30"), Forbidden);
  EXPECT_THROW(set_material_deadline(s.db, s.audit, cli, "2026H1", "2026-6-30"), InvalidInput);
  EXPECT_THROW(set_material_deadline(s.db, s.audit, cli, "2026H9", "2026-06-30"), NotFound);
  set_material_deadline(s.db, s.audit, cli, "2026H1", "2026-06-30");
  EXPECT_EQ(s.materials.submit(d1, late.id).state, "submitted");

  // A deadline already past refuses the next draft.
  set_material_deadline(s.db, s.audit, cli, "2026H1", "2026-06-01");
  auto other = s.materials.create(d1, {"2026H1", "A1.1.2", "D1", "台账", {}});
  EXPECT_THROW(s.materials.submit(d1, other.id), Conflict);
  AuditFilter filter;
  filter.action = "material.deadline";
  EXPECT_EQ(s.audit.list(cli, filter, PageRequest{}).total, 2);
}

}  // namespace
}  // namespace civic::service
