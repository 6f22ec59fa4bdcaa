// The case pages: the case list (with the red/black lists), one case, and the public pages under /public —
// 随手拍 and case tracking, no sign-in, in their own phone-friendly frame. A case is opened from
// notifications and inspection results by anyone whose scope the server allows: it is under no menu entry.
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const cases: MenuEntry = {
  name: 'cases',
  path: '/cases',
  titleKey: 'menu.cases',
  icon: 'Tickets',
  roles: ['office', 'leader', 'unit_officer'],
  order: 70,
};

export const casesRoutes: FeatureRoutes = {
  menu: [cases],
  main: [
    menuRoute(cases, () => import('./views/CasesView.vue')),
    {
      path: 'cases/:code',
      name: 'case-detail',
      component: () => import('./views/CaseDetailView.vue'),
      meta: { titleKey: 'cases.detail', parent: 'cases' },
    },
  ],
  // The printable case sheet: no frame, no menu (CasePrintView).
  bare: [
    {
      path: '/cases/:code/print',
      name: 'case-print',
      component: () => import('./views/CasePrintView.vue'),
      meta: { titleKey: 'cases.printTitle' },
    },
  ],
  public: [
    { path: '', redirect: '/public/report' },
    {
      path: 'report',
      name: 'public-report',
      component: () => import('./views/PublicReportView.vue'),
      meta: { public: true, anyone: true, titleKey: 'public.reportTitle' },
    },
    {
      path: 'track',
      name: 'public-track',
      component: () => import('./views/PublicTrackView.vue'),
      meta: { public: true, anyone: true, titleKey: 'public.trackTitle' },
    },
  ],
};
