// The selection pages: the console list 评选 (/selections) and one selection with its candidates
// (/selections/:code) for the roles that read selections (office, unit officers, inspectors, leaders), and the
// public pages (no sign-in): a selection's 公示 with the objection form (/public/selections/:code/notice) and
// the honour roll 光荣榜 (/public/honour-roll).
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const selections: MenuEntry = {
  name: 'selections',
  path: '/selections',
  titleKey: 'menu.selections',
  icon: 'Medal',
  // read_selections (src/service/core/permission.cc)
  roles: ['office', 'unit_officer', 'inspector', 'leader'],
  order: 67.6,
};

export const selectionsRoutes: FeatureRoutes = {
  menu: [selections],
  main: [
    menuRoute(selections, () => import('./views/SelectionsView.vue')),
    {
      path: 'selections/:code',
      name: 'selection',
      component: () => import('./views/SelectionView.vue'),
      meta: { titleKey: 'selections.detail', menu: 'selections' },
    },
  ],
  public: [
    {
      path: 'selections/:code/notice',
      name: 'public-selection-notice',
      component: () => import('./views/PublicNoticeView.vue'),
      // No titleKey: the frame's tabs list titled pages, and this one needs a selection code.
      meta: { public: true, anyone: true, frameTitleKey: 'selectionNotice.frameTitle' },
    },
    {
      path: 'honour-roll',
      name: 'public-honour-roll',
      component: () => import('./views/HonourRollView.vue'),
      meta: { public: true, anyone: true, titleKey: 'honourRoll.title' },
    },
  ],
};
