#include "api/core/routes.h"

#include "api/accounts/account_routes.h"
#include "api/audit/audit_routes.h"
#include "api/big_screen/big_screen_routes.h"
#include "api/bulletins/bulletin_routes.h"
#include "api/cases/case_routes.h"
#include "api/cases/open311_routes.h"
#include "api/cases/public_routes.h"
#include "api/channels/channel_routes.h"
#include "api/core/authentication.h"
#include "api/core/health_routes.h"
#include "api/core/openapi_routes.h"
#include "api/evaluation/evaluation_routes.h"
#include "api/evaluation/framework_draft_routes.h"
#include "api/evaluation/penalty_routes.h"
#include "api/evaluation/period_routes.h"
#include "api/evaluation/statistic_routes.h"
#include "api/files/photo_routes.h"
#include "api/inspections/inspection_routes.h"
#include "api/materials/material_routes.h"
#include "api/notifications/notification_routes.h"
#include "api/organisation/leadership_routes.h"
#include "api/participation/activity_routes.h"
#include "api/participation/national_sheet_routes.h"
#include "api/participation/selection_routes.h"
#include "api/participation/volunteer_routes.h"
#include "api/plans/plan_routes.h"
#include "api/questionnaires/questionnaire_routes.h"
#include "api/reports/report_routes.h"
#include "api/self_inspections/self_inspection_routes.h"
#include "api/sites/site_routes.h"
#include "api/units/unit_routes.h"
#include "service/core/readiness.h"

namespace civic::api {

void register_routes(http::Router& router, service::Services& services, ApiOptions options) {
  router.use(authentication(services.auth));
  add_health_routes(router, services.database_name(),
                    [&services] { return service::check_readiness(services.db, services.files); });
  add_auth_routes(router, services.auth, services.users, services.units, services.clock, options);
  add_unit_routes(router, services.units);
  add_user_routes(router, services.users, services.clock);
  add_audit_routes(router, services.audit);
  add_evaluation_routes(router, services.evaluation);
  add_period_routes(router, services.periods);
  add_framework_draft_routes(router, services.framework_drafts);
  add_site_routes(router, services.sites);
  add_case_routes(router, services.cases);
  add_notification_routes(router, services.notifications);
  add_photo_routes(router, services.photos);
  add_public_routes(router, services.cases);
  add_open311_routes(router, services.cases, services.auth, services.clock);
  add_plan_routes(router, services.plans, services.task_tables);
  add_task_routes(router, services.tasks);
  add_round_routes(router, services.rounds);
  add_inspection_routes(router, services.inspections);
  add_statistic_routes(router, services.statistics);
  add_penalty_routes(router, services.penalties);
  add_material_status_routes(router, services.materials);
  add_material_routes(router, services.materials);
  add_self_inspection_routes(router, services.self_inspections);
  add_questionnaire_routes(router, services.questionnaires, services.survey_responses,
                           services.survey_results, options);
  add_report_routes(router, services.reports);
  add_bulletin_routes(router, services.bulletins);
  add_channel_routes(router, services.channels);
  add_big_screen_routes(router, services.big_screen);
  add_volunteer_routes(router, services.volunteers);
  add_activity_routes(router, services.activities);
  add_national_sheet_routes(router, services.national_volunteer_sheet);
  add_selection_routes(router, services.selections);
  add_leadership_routes(router, services.leadership);
  add_openapi_routes(router, options);
}

}  // namespace civic::api
