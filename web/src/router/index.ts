// Routes. Every page but sign-in needs a session; a page listed in MENU needs one of its roles (others
// land on their first menu page); a user who must change the password is held on /password.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useAuthStore } from '@/stores/auth';
import { MENU, mayOpen, menuFor } from './menu';
import MainLayout from '@/layouts/MainLayout.vue';
import LoginView from '@/views/LoginView.vue';

const pages: Record<string, () => Promise<unknown>> = {
  dashboard: () => import('@/views/DashboardView.vue'),
  'my-inspections': () => import('@/views/MyInspectionsView.vue'),
  framework: () => import('@/views/FrameworkView.vue'),
  scores: () => import('@/views/ScoresView.vue'),
  sites: () => import('@/views/SitesView.vue'),
  rounds: () => import('@/views/RoundsView.vue'),
  cases: () => import('@/views/CasesView.vue'),
  workplans: () => import('@/views/WorkPlansView.vue'),
  units: () => import('@/views/UnitsView.vue'),
  users: () => import('@/views/UsersView.vue'),
  security: () => import('@/views/SecurityView.vue'),
  audit: () => import('@/views/AuditView.vue'),
};

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
  {
    path: '/',
    component: MainLayout,
    children: [
      { path: '', name: 'home', redirect: () => '/dashboard' },
      ...MENU.map((m) => ({
        path: m.path.slice(1),
        name: m.name,
        component: pages[m.name],
        meta: { titleKey: m.titleKey },
      })),
      {
        path: 'password',
        name: 'password',
        component: () => import('@/views/ChangePasswordView.vue'),
        meta: { titleKey: 'password.title' },
      },
      {
        path: ':rest(.*)*',
        name: 'not-found',
        component: () => import('@/views/NotFoundView.vue'),
        meta: { titleKey: 'notFound.title' },
      },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

export function homePath(): string {
  const auth = useAuthStore();
  return menuFor(auth.roles)[0]?.path ?? '/password';
}

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  await auth.load();
  if (to.meta.public) {
    return auth.signedIn && to.name === 'login' ? homePath() : true;
  }
  if (!auth.signedIn) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  }
  if (auth.user?.must_change_password && to.name !== 'password') return { name: 'password' };
  if (to.name === 'home') return homePath();
  if (typeof to.name === 'string' && !mayOpen(to.name, auth.roles)) return homePath();
  return true;
});
