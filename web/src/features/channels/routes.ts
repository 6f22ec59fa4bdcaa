// The push channel page (/channels): a unit's WeCom / DingTalk robots and e-mail lists, and every delivery
// with its outcome (failures first to look at). The office's.
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const channels: MenuEntry = {
  name: 'channels',
  path: '/channels',
  titleKey: 'menu.channels',
  icon: 'Promotion',
  roles: ['office'],
  order: 84,
};

export const channelsRoutes: FeatureRoutes = {
  menu: [channels],
  main: [menuRoute(channels, () => import('./views/ChannelsView.vue'))],
};
