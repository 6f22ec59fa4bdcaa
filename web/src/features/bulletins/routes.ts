// The bulletin pages: /bulletins (the list; the office drafts, unit officers and leaders read the published
// ones) and /bulletins/:id (sections, prose, approval and publication).
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const bulletins: MenuEntry = {
  name: 'bulletins',
  path: '/bulletins',
  titleKey: 'menu.bulletins',
  icon: 'Notification',
  roles: ['office', 'leader', 'unit_officer'],
  order: 82,
};

export const bulletinsRoutes: FeatureRoutes = {
  menu: [bulletins],
  main: [
    menuRoute(bulletins, () => import('./views/BulletinsView.vue')),
    {
      path: 'bulletins/:id',
      name: 'bulletin-detail',
      component: () => import('./views/BulletinView.vue'),
      meta: { titleKey: 'bulletins.detail', menu: 'bulletins' },
    },
  ],
};
