// The work-plan pages under /workplans (the menu entry itself opens PlansView); `meta.menu` makes the
// router guard them with the "workplans" menu entry's roles.
import type { RouteRecordRaw } from 'vue-router';

export const workplanRoutes: RouteRecordRaw[] = [
  {
    path: 'workplans/plans/:code',
    name: 'workplans-plan',
    component: () => import('./PlanView.vue'),
    meta: { menu: 'workplans', titleKey: 'workplans.nav.plan' },
  },
  {
    path: 'workplans/board',
    name: 'workplans-board',
    component: () => import('./BoardView.vue'),
    meta: { menu: 'workplans', titleKey: 'workplans.nav.board' },
  },
  {
    path: 'workplans/tasks',
    name: 'workplans-tasks',
    component: () => import('./TasksView.vue'),
    meta: { menu: 'workplans', titleKey: 'workplans.nav.tasks' },
  },
  {
    path: 'workplans/tasks/:code',
    name: 'workplans-task',
    component: () => import('./TaskView.vue'),
    meta: { menu: 'workplans', titleKey: 'workplans.nav.task' },
  },
];
