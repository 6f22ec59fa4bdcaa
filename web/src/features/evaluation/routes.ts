// The evaluation pages: the dashboard (驾驶舱), the framework (测评体系) and the scores (测评成绩).
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const dashboard: MenuEntry = {
  name: 'dashboard',
  path: '/dashboard',
  titleKey: 'menu.dashboard',
  icon: 'DataBoard',
  roles: ['office', 'leader', 'unit_officer'],
  order: 10,
};
const framework: MenuEntry = {
  name: 'framework',
  path: '/framework',
  titleKey: 'menu.framework',
  icon: 'Files',
  roles: ['office'],
  order: 30,
};
const scores: MenuEntry = {
  name: 'scores',
  path: '/scores',
  titleKey: 'menu.scores',
  icon: 'TrendCharts',
  roles: ['office', 'leader', 'unit_officer'],
  order: 40,
};

export const evaluationRoutes: FeatureRoutes = {
  menu: [dashboard, framework, scores],
  main: [
    menuRoute(dashboard, () => import('./views/DashboardView.vue')),
    menuRoute(framework, () => import('./views/FrameworkView.vue')),
    menuRoute(scores, () => import('./views/ScoresView.vue')),
  ],
  // The printable score report of a unit and period: no frame, no menu; the roles of 测评成绩.
  bare: [
    {
      path: '/scores/print',
      name: 'scores-print',
      component: () => import('./views/ScoresPrintView.vue'),
      meta: { titleKey: 'scores.printTitleShort', menu: 'scores' },
    },
  ],
};
