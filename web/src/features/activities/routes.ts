// The activity pages: the console's 活动 (/activities: list, calendar and report tabs, the create dialog and
// the detail drawer) and 文明实践阵地 (/practice-stations) for the roles that may read activities
// (read_activities: office, unit officers, leaders; src/service/core/permission.cc), and the public phone pages
// /public/activity/:code?t=TOKEN (sign-up, check-in, check-out) and /public/certificate/:verification (no sign-in).
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const activities: MenuEntry = {
  name: 'activities',
  path: '/activities',
  titleKey: 'menu.activities',
  icon: 'Calendar',
  roles: ['office', 'unit_officer', 'leader'],
  order: 67.2,
};

const stations: MenuEntry = {
  name: 'practice-stations',
  path: '/practice-stations',
  titleKey: 'menu.practiceStations',
  icon: 'OfficeBuilding',
  roles: ['office', 'unit_officer', 'leader'],
  order: 67.3,
};

export const activitiesRoutes: FeatureRoutes = {
  menu: [activities, stations],
  main: [
    menuRoute(activities, () => import('./views/ActivitiesView.vue')),
    menuRoute(stations, () => import('./views/PracticeStationsView.vue')),
  ],
  public: [
    {
      path: 'activity/:code',
      name: 'public-activity',
      component: () => import('./views/PublicActivityView.vue'),
      meta: { public: true, anyone: true, frameTitleKey: 'activityPhone.frameTitle' },
    },
    {
      path: 'certificate/:verification',
      name: 'public-certificate',
      component: () => import('./views/PublicCertificateView.vue'),
      meta: { public: true, anyone: true, frameTitleKey: 'certificateVerify.frameTitle' },
    },
  ],
};
