// The site page (点位): list, map, import and export.
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const sites: MenuEntry = {
  name: 'sites',
  path: '/sites',
  titleKey: 'menu.sites',
  icon: 'Location',
  roles: ['office'],
  order: 50,
};

export const sitesRoutes: FeatureRoutes = {
  menu: [sites],
  main: [menuRoute(sites, () => import('./views/SitesView.vue'))],
};
