// The audit page (审计日志), for the audit admin.
import { menuRoute, type FeatureRoutes, type MenuEntry } from '@/shared/routing';

const audit: MenuEntry = {
  name: 'audit',
  path: '/audit',
  titleKey: 'menu.audit',
  icon: 'Document',
  roles: ['audit_admin'],
  order: 120,
};

export const auditRoutes: FeatureRoutes = {
  menu: [audit],
  main: [menuRoute(audit, () => import('./views/AuditView.vue'))],
};
