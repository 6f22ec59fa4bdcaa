// Routes. Every page but sign-in needs a session; a page listed in MENU needs one of its roles (others
// land on their first menu page); a user who must change the password is held on /password.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useAuthStore } from '@/stores/auth';
import { MENU, mayOpen, menuFor } from './menu';
import MainLayout from '@/layouts/MainLayout.vue';
import LoginView from '@/views/LoginView.vue';
import { workplanRoutes } from '@/views/workplans/routes';

const pages: Record<string, () => Promise<unknown>> = {
  dashboard: () => import('@/views/DashboardView.vue'),
  'my-inspections': () => import('@/views/inspector/MyInspectionsView.vue'),
  framework: () => import('@/views/FrameworkView.vue'),
  scores: () => import('@/views/ScoresView.vue'),
  sites: () => import('@/views/sites/SitesView.vue'),
  rounds: () => import('@/views/rounds/RoundsView.vue'),
  cases: () => import('@/views/cases/CasesView.vue'),
  workplans: () => import('@/views/workplans/PlansView.vue'),
  units: () => import('@/views/UnitsView.vue'),
  users: () => import('@/views/UsersView.vue'),
  security: () => import('@/views/SecurityView.vue'),
  audit: () => import('@/views/AuditView.vue'),
};

// Pages under a menu entry (detail pages, forms): the entry's roles apply (`menu`), the menu shows the entry.
// A case is opened from notifications and inspection results by anyone whose scope the server allows.
const subPages: { path: string; name: string; menu?: string; titleKey: string; page: () => Promise<unknown> }[] = [
  { path: 'cases/:code', name: 'case-detail', titleKey: 'cases.detail', page: () => import('@/views/cases/CaseDetailView.vue') },
  { path: 'rounds/new', name: 'round-new', menu: 'rounds', titleKey: 'rounds.create', page: () => import('@/views/rounds/RoundCreateView.vue') },
  { path: 'rounds/:code', name: 'round-detail', menu: 'rounds', titleKey: 'rounds.detail', page: () => import('@/views/rounds/RoundDetailView.vue') },
  { path: 'my-inspections/:round/:site', name: 'inspect', menu: 'my-inspections', titleKey: 'inspect.title', page: () => import('@/views/inspector/InspectionFormView.vue') },
];

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
  // 随手拍 and case tracking: no sign-in, their own phone-friendly frame.
  {
    path: '/public',
    component: () => import('@/layouts/PublicLayout.vue'),
    meta: { public: true, anyone: true },
    children: [
      { path: '', redirect: '/public/report' },
      { path: 'report', name: 'public-report', component: () => import('@/views/public/PublicReportView.vue'), meta: { public: true, anyone: true, titleKey: 'public.reportTitle' } },
      { path: 'track', name: 'public-track', component: () => import('@/views/public/PublicTrackView.vue'), meta: { public: true, anyone: true, titleKey: 'public.trackTitle' } },
    ],
  },
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
      ...subPages.map((p) => ({ path: p.path, name: p.name, component: p.page, meta: { titleKey: p.titleKey, menu: p.menu } })),
      ...workplanRoutes,
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
  if (to.meta.anyone) return true;
  await auth.load();
  if (to.meta.public) {
    return auth.signedIn && to.name === 'login' ? homePath() : true;
  }
  if (!auth.signedIn) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  }
  if (auth.user?.must_change_password && to.name !== 'password') return { name: 'password' };
  if (to.name === 'home') return homePath();
  const entry = typeof to.meta.menu === 'string' ? to.meta.menu : to.name;
  if (typeof entry === 'string' && !mayOpen(entry, auth.roles)) return homePath();
  return true;
});
