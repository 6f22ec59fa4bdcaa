// The self-inspection pages: the list (自查: the office sees every unit's, a unit officer its own) and one
// self-inspection (its items to fill in and the 差距 tab), which opens for the list entry's roles.
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const selfInspections: MenuEntry = {
  name: 'self-inspections',
  path: '/self-inspections',
  titleKey: 'menu.selfInspections',
  icon: 'EditPen',
  roles: ['office', 'leader', 'unit_officer'],
  order: 66,
};

export const selfInspectionsRoutes: FeatureRoutes = {
  menu: [selfInspections],
  main: [
    menuRoute(selfInspections, () => import('./views/SelfInspectionsView.vue')),
    {
      path: 'self-inspections/:id',
      name: 'self-inspection-detail',
      component: () => import('./views/SelfInspectionDetailView.vue'),
      meta: { titleKey: 'selfInspections.detail', menu: 'self-inspections' },
    },
  ],
};
