// The material pages under /materials: the submissions list (review queue for the office, the unit's own
// submissions for a unit officer). `meta.menu` makes the router guard it with the entry's roles.
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const materials: MenuEntry = {
  name: 'materials',
  path: '/materials',
  titleKey: 'menu.materials',
  icon: 'Document',
  roles: ['office', 'leader', 'unit_officer'],
  order: 64,
};

export const materialsRoutes: FeatureRoutes = {
  menu: [materials],
  main: [menuRoute(materials, () => import('./views/MaterialsView.vue'))],
};
