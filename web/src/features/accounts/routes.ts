// The account pages: sign-in (no frame), changing one's password (forced while must_change_password is set),
// the users (system and security admins) and the security policy (security admin).
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';
import LoginView from './views/LoginView.vue';

const users: MenuEntry = {
  name: 'users',
  path: '/users',
  titleKey: 'menu.users',
  icon: 'User',
  roles: ['system_admin', 'security_admin'],
  order: 100,
};
const security: MenuEntry = {
  name: 'security',
  path: '/security',
  titleKey: 'menu.security',
  icon: 'Lock',
  roles: ['security_admin'],
  order: 110,
};

export const accountsRoutes: FeatureRoutes = {
  menu: [users, security],
  bare: [{ path: '/login', name: 'login', component: LoginView, meta: { public: true } }],
  main: [
    menuRoute(users, () => import('./views/UsersView.vue')),
    menuRoute(security, () => import('./views/SecurityView.vue')),
    {
      path: 'password',
      name: 'password',
      component: () => import('./views/ChangePasswordView.vue'),
      meta: { titleKey: 'password.title' },
    },
  ],
};
