// The volunteer pages: the console list 志愿者 (/volunteers, with the detail drawer) for the office and unit
// officers, and the public registration page /public/join (no sign-in).
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const volunteers: MenuEntry = {
  name: 'volunteers',
  path: '/volunteers',
  titleKey: 'menu.volunteers',
  icon: 'User',
  roles: ['office', 'unit_officer'],
  order: 67,
};

export const volunteersRoutes: FeatureRoutes = {
  menu: [volunteers],
  main: [menuRoute(volunteers, () => import('./views/VolunteersView.vue'))],
  public: [
    {
      path: 'join',
      name: 'public-join',
      component: () => import('./views/PublicJoinView.vue'),
      meta: { public: true, anyone: true, frameTitleKey: 'volunteerJoin.frameTitle' },
    },
  ],
};
