// 测评周期: the periods page (office).
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const periods: MenuEntry = {
  name: 'periods',
  path: '/periods',
  titleKey: 'menu.periods',
  icon: 'Calendar',
  roles: ['office'],
  order: 32,
};

export const periodsRoutes: FeatureRoutes = {
  menu: [periods],
  main: [menuRoute(periods, () => import('./views/PeriodsView.vue'))],
};
