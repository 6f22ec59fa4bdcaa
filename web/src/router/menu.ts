// Which pages each role may use, in menu order. A user with several roles sees the union.
import type { Role } from '@/api/types';

export interface MenuEntry {
  name: string; // route name
  path: string;
  titleKey: string; // i18n key
  icon: string; // @element-plus/icons-vue component name
  roles: Role[];
}

export const MENU: MenuEntry[] = [
  { name: 'dashboard', path: '/dashboard', titleKey: 'menu.dashboard', icon: 'DataBoard', roles: ['office', 'leader', 'unit_officer'] },
  { name: 'my-inspections', path: '/my-inspections', titleKey: 'menu.myInspections', icon: 'Iphone', roles: ['inspector'] },
  { name: 'framework', path: '/framework', titleKey: 'menu.framework', icon: 'Files', roles: ['office'] },
  { name: 'scores', path: '/scores', titleKey: 'menu.scores', icon: 'TrendCharts', roles: ['office', 'leader', 'unit_officer'] },
  { name: 'sites', path: '/sites', titleKey: 'menu.sites', icon: 'Location', roles: ['office'] },
  { name: 'rounds', path: '/rounds', titleKey: 'menu.rounds', icon: 'Calendar', roles: ['office'] },
  { name: 'cases', path: '/cases', titleKey: 'menu.cases', icon: 'Tickets', roles: ['office', 'leader', 'unit_officer'] },
  { name: 'workplans', path: '/workplans', titleKey: 'menu.workplans', icon: 'List', roles: ['office', 'leader', 'unit_officer'] },
  { name: 'units', path: '/units', titleKey: 'menu.units', icon: 'OfficeBuilding', roles: ['office', 'system_admin'] },
  { name: 'users', path: '/users', titleKey: 'menu.users', icon: 'User', roles: ['system_admin', 'security_admin'] },
  { name: 'security', path: '/security', titleKey: 'menu.security', icon: 'Lock', roles: ['security_admin'] },
  { name: 'audit', path: '/audit', titleKey: 'menu.audit', icon: 'Document', roles: ['audit_admin'] },
];

export function menuFor(roles: readonly Role[]): MenuEntry[] {
  return MENU.filter((m) => m.roles.some((r) => roles.includes(r)));
}

export function mayOpen(routeName: string, roles: readonly Role[]): boolean {
  const entry = MENU.find((m) => m.name === routeName);
  return !entry || entry.roles.some((r) => roles.includes(r));
}
