// Activities (志愿服务活动, participation.md "Activities"), service records, practice stations and the
// volunteer's service certificate:
//   GET|POST /api/activities (scoped list: unit, type, state, station, period, from, to, paging),
//   GET /api/activities/export?format=xlsx|csv, GET /api/activities/report?unit=&period=,
//   GET /api/activities/{code} (with sign-ups and every record version), POST /api/activities/{code}/actions/
//   sign-up|check-in|check-out (the organiser, by hand) and approve-records ({records, decision: approve|
//   reject|confirm}); POST /api/service-records/{id}/actions/correct (a new version);
//   GET|POST /api/practice-stations; GET /api/volunteers/{code}/certificate?format=pdf.
//   Public (no sign-in, no CSRF, a token bucket per client address): POST /api/public/activities/{code}/
//   sign-up|check-in|check-out ({token, volunteer, phone_last4, latitude, longitude}),
//   GET /api/public/certificates/{verification_code}.
#pragma once

#include "http/router.h"
#include "service/participation/activity_service.h"

namespace civic::api {

void add_activity_routes(http::Router& router, service::ActivityService& activities);

}  // namespace civic::api
