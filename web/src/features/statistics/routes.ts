// The statistics pages: 数据填报 (a department's form) and 数据审核 (the office's review with the completeness
// board), both under /statistics.
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const report: MenuEntry = {
  name: 'statistics-report',
  path: '/statistics/report',
  titleKey: 'menu.statisticsReport',
  icon: 'EditPen',
  roles: ['office', 'unit_officer'],
  order: 62,
};

const review: MenuEntry = {
  name: 'statistics-review',
  path: '/statistics/review',
  titleKey: 'menu.statisticsReview',
  icon: 'DataAnalysis',
  roles: ['office', 'leader'],
  order: 63,
};

export const statisticsRoutes: FeatureRoutes = {
  menu: [report, review],
  main: [
    menuRoute(report, () => import('./views/ReportView.vue')),
    menuRoute(review, () => import('./views/ReviewView.vue')),
  ],
};
