// Services: every service object over one Database and one Clock, for the HTTP layer and the CLI.
// Construct once per process; the services are safe to call from several threads (state lives in the
// database; each call leases its own connection).
#pragma once

#include <memory>

#include "domain/core/clock.h"
#include "platform/file_store.h"
#include "platform/key_file.h"
#include "service/accounts/auth_service.h"
#include "service/accounts/user_service.h"
#include "service/audit/audit_service.h"
#include "service/big_screen/big_screen_service.h"
#include "service/bulletins/bulletin_service.h"
#include "service/cases/case_service.h"
#include "service/channels/channel_service.h"
#include "service/evaluation/evaluation_service.h"
#include "service/evaluation/framework_draft_service.h"
#include "service/evaluation/penalty_service.h"
#include "service/evaluation/period_service.h"
#include "service/evaluation/statistic_service.h"
#include "service/files/photo_service.h"
#include "service/inspections/inspection_service.h"
#include "service/inspections/round_service.h"
#include "service/materials/material_service.h"
#include "service/notifications/notification_service.h"
#include "service/organisation/leadership_service.h"
#include "service/participation/activity_service.h"
#include "service/participation/national_volunteer_sheet.h"
#include "service/participation/selection_service.h"
#include "service/participation/volunteer_service.h"
#include "service/plans/plan_reminders.h"
#include "service/plans/plan_service.h"
#include "service/plans/task_breakdown.h"
#include "service/plans/task_service.h"
#include "service/questionnaires/questionnaire_service.h"
#include "service/questionnaires/response_service.h"
#include "service/questionnaires/results_service.h"
#include "service/reports/report_service.h"
#include "service/self_inspections/self_inspection_service.h"
#include "service/sites/site_service.h"
#include "service/units/unit_service.h"
#include "store/core/database.h"

namespace civic::service {

struct Services {
  // `files_dir`: where photos and files are stored (<data dir>/files); empty: a new temporary directory.
  Services(store::Database& database, const Clock& clock_ref, AuthPolicy policy = {},
           std::filesystem::path files_dir = {})
      : db(database),
        clock(clock_ref),
        audit(database, clock_ref),
        auth(database, clock_ref, audit, policy),
        units(database, audit),
        users(database, clock_ref, audit),
        evaluation(database, audit),
        periods(database, audit, evaluation),
        framework_drafts(database, audit),
        sites(database, audit),
        files(files_dir.empty() ? platform::FileStore::temporary_directory() : files_dir),
        photos(database, audit, files),
        notifications(database, clock_ref),
        cases(database, audit, notifications, clock_ref),
        rounds(database, audit, notifications, clock_ref),
        inspections(database, audit, cases, photos, clock_ref),
        plans(database, audit, evaluation),
        tasks(database, audit, notifications, photos),
        task_tables(database, audit, notifications),
        plan_reminders(database, notifications, clock_ref),
        statistics(database, audit, notifications, photos),
        penalties(database, audit, notifications, photos),
        materials(database, audit),
        self_inspections(database, audit, evaluation, photos),
        questionnaires(database, audit),
        survey_responses(database, audit),
        survey_results(database, audit),
        reports(database, audit, {evaluation, units, plans, cases, statistics, self_inspections}, files),
        channels(database, audit, clock_ref),
        bulletins(database, audit, notifications, cases, plans, evaluation, rounds, clock_ref),
        big_screen(database, audit, evaluation, cases, plans, sites, clock_ref),
        volunteers(database, audit),
        activities(database, audit, volunteers),
        national_volunteer_sheet(database, audit, volunteers),
        selections(database, audit),
        leadership(database, audit) {
    cases.set_photo_service(&photos);
    // Push channels: their secrets' key beside the files (<data dir>/channels.key); unit notices of the
    // pushed kinds become deliveries; a completed round gets its bulletin drafted.
    if (!files_dir.empty())
      channels.set_key(platform::load_or_create_key_file(files_dir.parent_path() / "channels.key"));
    // Personal data — volunteers' name, phone and ID number, selection objectors' phones, responsible
    // persons' phones (organisation, issue 19) — sealed under one key of their own (<data
    // dir>/volunteers.key).
    if (!files_dir.empty()) {
      std::string personal = platform::load_or_create_key_file(files_dir.parent_path() / "volunteers.key");
      volunteers.set_key(personal);
      selections.set_key(personal);
      leadership.set_key(personal);
    }
    notifications.set_unit_notice_hook(
        [this](store::Session& sql, long long unit, std::string_view kind, std::string_view params,
               std::string_view type,
               std::string_view id) { channels.on_unit_notice(sql, unit, kind, params, type, id); });
    rounds.set_completion_hook(
        [this](const Principal& who, const std::string& round) { bulletins.on_round_completed(who, round); });
  }

  // "sqlite" or "postgresql", for /api/health.
  const char* database_name() const { return store::dialect_name(db.dialect()); }

  store::Database& db;
  const Clock& clock;
  AuditService audit;
  AuthService auth;
  UnitService units;
  UserService users;
  EvaluationService evaluation;
  PeriodService periods;
  FrameworkDraftService framework_drafts;
  SiteService sites;
  platform::FileStore files;
  PhotoService photos;
  NotificationService notifications;
  CaseService cases;
  RoundService rounds;
  InspectionService inspections;
  PlanService plans;
  TaskService tasks;
  TaskBreakdown task_tables;
  PlanReminders plan_reminders;
  StatisticService statistics;
  PenaltyService penalties;
  MaterialService materials;
  SelfInspectionService self_inspections;
  QuestionnaireService questionnaires;
  ResponseService survey_responses;
  ResultsService survey_results;
  ReportService reports;
  ChannelService channels;
  BulletinService bulletins;
  BigScreenService big_screen;
  VolunteerService volunteers;
  ActivityService activities;
  NationalVolunteerSheet national_volunteer_sheet;
  SelectionService selections;
  LeadershipService leadership;
};

}  // namespace civic::service
