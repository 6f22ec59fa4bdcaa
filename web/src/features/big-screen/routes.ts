// The leaders' big screen (/big-screen): a page of its own, no frame, for the meeting room's 1920×1080
// display. The menu entry (office, leader) opens it in a new tab (MenuEntry.newTab).
import type { FeatureRoutes, MenuEntry } from '@/shared/routing';

const bigScreen: MenuEntry = {
  name: 'big-screen',
  path: '/big-screen',
  titleKey: 'menu.bigScreen',
  icon: 'Monitor',
  roles: ['office', 'leader'],
  order: 99,
  newTab: true,
};

export const bigScreenRoutes: FeatureRoutes = {
  menu: [bigScreen],
  bare: [
    {
      path: '/big-screen',
      name: 'big-screen',
      component: () => import('./views/BigScreenView.vue'),
      meta: { titleKey: 'menu.bigScreen' },
    },
  ],
};
