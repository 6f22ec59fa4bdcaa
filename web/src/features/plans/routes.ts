// The work-plan pages under /workplans: the plans (the menu entry), one plan's timeline, the progress board,
// the task list and one task. `meta.menu` makes the router guard them with the entry's roles.
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const workplans: MenuEntry = {
  name: 'workplans',
  path: '/workplans',
  titleKey: 'menu.workplans',
  icon: 'List',
  roles: ['office', 'leader', 'unit_officer'],
  order: 80,
};

export const plansRoutes: FeatureRoutes = {
  menu: [workplans],
  main: [
    menuRoute(workplans, () => import('./views/PlansView.vue')),
    {
      path: 'workplans/plans/:code',
      name: 'workplans-plan',
      component: () => import('./views/PlanView.vue'),
      meta: { menu: 'workplans', titleKey: 'workplans.nav.plan' },
    },
    {
      path: 'workplans/board',
      name: 'workplans-board',
      component: () => import('./views/BoardView.vue'),
      meta: { menu: 'workplans', titleKey: 'workplans.nav.board' },
    },
    {
      path: 'workplans/tasks',
      name: 'workplans-tasks',
      component: () => import('./views/TasksView.vue'),
      meta: { menu: 'workplans', titleKey: 'workplans.nav.tasks' },
    },
    {
      path: 'workplans/tasks/:code',
      name: 'workplans-task',
      component: () => import('./views/TaskView.vue'),
      meta: { menu: 'workplans', titleKey: 'workplans.nav.task' },
    },
  ],
};
