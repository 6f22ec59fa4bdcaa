// The unit page (单位): the unit tree of the user's scope and a unit's details and children.
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const units: MenuEntry = {
  name: 'units',
  path: '/units',
  titleKey: 'menu.units',
  icon: 'OfficeBuilding',
  roles: ['office', 'system_admin'],
  order: 90,
};

export const unitsRoutes: FeatureRoutes = {
  menu: [units],
  main: [menuRoute(units, () => import('./views/UnitsView.vue'))],
};
