// What a feature hands the router (app/router.ts): its pages, by the frame they open in, and its menu entries.
// The menu is every feature's entries in `order`; an entry shows to the roles it names (a user with several
// roles sees the union), and a page whose route is an entry, or names one in `meta.menu`, opens only for them.
import type { RouteRecordRaw, RouteRecordSingleView } from 'vue-router';
import { useAuthStore } from '@/shared/stores/auth';
import type { Role } from '@/shared/types';

export interface MenuEntry {
  name: string; // route name
  path: string;
  titleKey: string; // i18n key
  icon: string; // @element-plus/icons-vue component name
  roles: Role[];
  order: number; // place in the menu, smallest first
  newTab?: boolean; // a page of its own (no frame), opened in a new browser tab (the big screen)
}

export interface FeatureRoutes {
  // Pages inside the signed-in frame (MainLayout), paths relative to '/'.
  main?: RouteRecordRaw[];
  // Pages inside the public frame (PublicLayout, no sign-in), paths relative to '/public'.
  public?: RouteRecordRaw[];
  // Pages with no frame (sign-in), absolute paths.
  bare?: RouteRecordRaw[];
  menu?: MenuEntry[];
}

// The page a menu entry opens: its route, titled like the entry.
export function menuRoute(entry: MenuEntry, component: RouteRecordSingleView['component']): RouteRecordRaw {
  return { path: entry.path.slice(1), name: entry.name, component, meta: { titleKey: entry.titleKey } };
}

let menu: MenuEntry[] = [];

// The router sets the menu once, from the features' entries.
export function setMenu(entries: MenuEntry[]): void {
  menu = [...entries].sort((a, b) => a.order - b.order);
}

export function menuFor(roles: readonly Role[]): MenuEntry[] {
  return menu.filter((m) => m.roles.some((r) => roles.includes(r)));
}

export function mayOpen(routeName: string, roles: readonly Role[]): boolean {
  return rolesFor(routeName).length === 0 || rolesFor(routeName).some((r) => roles.includes(r));
}

// The roles that may open the page under menu entry `routeName` (empty: any signed-in user).
export function rolesFor(routeName: string): readonly Role[] {
  return menu.find((m) => m.name === routeName)?.roles ?? [];
}

// Where a signed-in user starts: their first menu page (or the password page when they have none).
export function homePath(): string {
  const auth = useAuthStore();
  return menuFor(auth.roles).filter((m) => !m.newTab)[0]?.path ?? '/password';
}
