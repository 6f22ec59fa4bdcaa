// The negative-list page (负面清单) under /penalties.
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const penalties: MenuEntry = {
  name: 'penalties',
  path: '/penalties',
  titleKey: 'menu.penalties',
  icon: 'Warning',
  roles: ['office', 'leader', 'unit_officer'],
  order: 65,
};

export const penaltiesRoutes: FeatureRoutes = {
  menu: [penalties],
  main: [menuRoute(penalties, () => import('./views/PenaltiesView.vue'))],
};
