// The inspection pages: the inspector's assignments and the inspection form (phone first), and the office's
// rounds (测评轮次: list, new round, one round). Pages under an entry (`meta.menu`) open for the entry's roles.
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const myInspections: MenuEntry = {
  name: 'my-inspections',
  path: '/my-inspections',
  titleKey: 'menu.myInspections',
  icon: 'Iphone',
  roles: ['inspector'],
  order: 20,
};
const rounds: MenuEntry = {
  name: 'rounds',
  path: '/rounds',
  titleKey: 'menu.rounds',
  icon: 'Calendar',
  roles: ['office'],
  order: 60,
};

export const inspectionsRoutes: FeatureRoutes = {
  menu: [myInspections, rounds],
  main: [
    menuRoute(myInspections, () => import('./views/MyInspectionsView.vue')),
    {
      path: 'my-inspections/:round/:site',
      name: 'inspect',
      component: () => import('./views/InspectionFormView.vue'),
      meta: { titleKey: 'inspect.title', menu: 'my-inspections' },
    },
    // Read-only, for whoever may read inspections (the server decides; out of scope answers 404).
    {
      path: 'inspections/:code',
      name: 'inspection-detail',
      component: () => import('./views/InspectionDetailView.vue'),
      meta: { titleKey: 'inspection.title', parent: 'rounds' },
    },
    menuRoute(rounds, () => import('./views/RoundsView.vue')),
    {
      path: 'rounds/new',
      name: 'round-new',
      component: () => import('./views/RoundCreateView.vue'),
      meta: { titleKey: 'rounds.create', menu: 'rounds' },
    },
    {
      path: 'rounds/:code',
      name: 'round-detail',
      component: () => import('./views/RoundDetailView.vue'),
      meta: { titleKey: 'rounds.detail', menu: 'rounds' },
    },
  ],
};
