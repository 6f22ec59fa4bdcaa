// The work-summary pages (工作总结): the list with the archive of published ones, and one report (editor,
// live figures, preview, downloads, state actions), for the office, leaders and unit officers.
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const reports: MenuEntry = {
  name: 'reports',
  path: '/reports',
  titleKey: 'menu.reports',
  icon: 'Document',
  roles: ['office', 'leader', 'unit_officer'],
  order: 68,
};

export const reportsRoutes: FeatureRoutes = {
  menu: [reports],
  main: [
    menuRoute(reports, () => import('./views/ReportsView.vue')),
    {
      path: 'reports/:id',
      name: 'report-detail',
      component: () => import('./views/ReportDetailView.vue'),
      meta: { titleKey: 'reports.detail', menu: 'reports' },
    },
  ],
};
