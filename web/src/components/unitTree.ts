// Loading the unit tree lazily: the root is the user's own unit (their scope), children come from
// GET /api/units?parent=CODE (one page of up to 200, the API's largest).
import { api } from '@/api/client';
import type { Page, Unit } from '@/api/types';

export interface UnitNode {
  code: string;
  name: string;
  name_en?: string;
  unit: Unit;
  leaf: boolean;
}

// The server names a unit's parent by id; the tree knows its code, which is what the pages show.
function toNode(u: Unit, parentCode?: string): UnitNode {
  if (parentCode && !u.parent) u.parent = parentCode;
  return { code: u.code, name: u.name, name_en: u.name_en, unit: u, leaf: false };
}

export async function loadRoot(code: string): Promise<UnitNode[]> {
  const u = await api.get<Unit>(`/units/${encodeURIComponent(code)}`);
  return [toNode(u)];
}

export async function loadChildren(code: string): Promise<UnitNode[]> {
  const page = await api.get<Page<Unit>>('/units', { parent: code, page_size: 200 });
  return (page.items ?? []).map((u) => toNode(u, code));
}
