// 测评体系管理: framework drafts (office): the list, and the editor of one draft.
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const drafts: MenuEntry = {
  name: 'framework-drafts',
  path: '/framework-drafts',
  titleKey: 'menu.frameworkDrafts',
  icon: 'EditPen',
  roles: ['office'],
  order: 31,
};

export const frameworksRoutes: FeatureRoutes = {
  menu: [drafts],
  main: [
    menuRoute(drafts, () => import('./views/DraftsView.vue')),
    {
      path: 'framework-drafts/:id',
      name: 'framework-draft',
      component: () => import('./views/DraftEditorView.vue'),
      meta: { titleKey: 'menu.frameworkDrafts', menu: 'framework-drafts' },
    },
  ],
};
