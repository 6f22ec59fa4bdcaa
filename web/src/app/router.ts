// The router: the features' pages, each in its frame, and the menu built from the features' entries. Every
// page but sign-in and the public pages needs a session; a page under a menu entry needs one of its roles
// (others see the forbidden page naming those roles); a user who must change the password is held on
// /password.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { accountsRoutes } from '@/features/accounts/routes';
import { activitiesRoutes } from '@/features/activities/routes';
import { auditRoutes } from '@/features/audit/routes';
import { bigScreenRoutes } from '@/features/big-screen/routes';
import { bulletinsRoutes } from '@/features/bulletins/routes';
import { casesRoutes } from '@/features/cases/routes';
import { channelsRoutes } from '@/features/channels/routes';
import { evaluationRoutes } from '@/features/evaluation/routes';
import { frameworksRoutes } from '@/features/frameworks/routes';
import { inspectionsRoutes } from '@/features/inspections/routes';
import { periodsRoutes } from '@/features/periods/routes';
import { penaltiesRoutes } from '@/features/penalties/routes';
import { plansRoutes } from '@/features/plans/routes';
import { questionnairesRoutes } from '@/features/questionnaires/routes';
import { materialsRoutes } from '@/features/materials/routes';
import { selfInspectionsRoutes } from '@/features/self-inspections/routes';
import { reportsRoutes } from '@/features/reports/routes';
import { selectionsRoutes } from '@/features/selections/routes';
import { sitesRoutes } from '@/features/sites/routes';
import { statisticsRoutes } from '@/features/statistics/routes';
import { surveyAnsweringRoutes } from '@/features/survey-answering/routes';
import { unitsRoutes } from '@/features/units/routes';
import { volunteersRoutes } from '@/features/volunteers/routes';
import MainLayout from '@/shared/layouts/MainLayout.vue';
import { homePath, mayOpen, rolesFor, setMenu, type FeatureRoutes } from '@/shared/routing';
import { useAuthStore } from '@/shared/stores/auth';

const FEATURES: FeatureRoutes[] = [
  evaluationRoutes,
  frameworksRoutes,
  periodsRoutes,
  inspectionsRoutes,
  sitesRoutes,
  casesRoutes,
  plansRoutes,
  statisticsRoutes,
  questionnairesRoutes,
  penaltiesRoutes,
  materialsRoutes,
  selfInspectionsRoutes,
  surveyAnsweringRoutes,
  reportsRoutes,
  bulletinsRoutes,
  channelsRoutes,
  bigScreenRoutes,
  volunteersRoutes,
  activitiesRoutes,
  selectionsRoutes,
  unitsRoutes,
  accountsRoutes,
  auditRoutes,
];

setMenu(FEATURES.flatMap((f) => f.menu ?? []));

const routes: RouteRecordRaw[] = [
  ...FEATURES.flatMap((f) => f.bare ?? []),
  {
    path: '/public',
    component: () => import('@/shared/layouts/PublicLayout.vue'),
    meta: { public: true, anyone: true },
    children: FEATURES.flatMap((f) => f.public ?? []),
  },
  {
    path: '/',
    component: MainLayout,
    children: [
      { path: '', name: 'home', redirect: () => '/dashboard' },
      ...FEATURES.flatMap((f) => f.main ?? []),
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('@/shared/views/ForbiddenView.vue'),
        meta: { titleKey: 'forbidden.title' },
      },
      {
        path: ':rest(.*)*',
        name: 'not-found',
        component: () => import('@/shared/views/NotFoundView.vue'),
        meta: { titleKey: 'notFound.title' },
      },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

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
  // A page the user's roles may not open says so, naming the roles that may (not a silent detour home).
  if (typeof entry === 'string' && !mayOpen(entry, auth.roles)) {
    return { name: 'forbidden', query: { roles: rolesFor(entry).join(','), from: to.fullPath } };
  }
  return true;
});
