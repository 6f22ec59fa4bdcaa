// Loading the unit tree lazily: the root is the user's own unit (their scope), children come one page of up
// to 200 (the API's largest) at a time.
import { unitsApi } from '@/shared/api/units';
import type { Unit } from '@/shared/types';

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
  return [toNode(await unitsApi.get(code))];
}

export async function loadChildren(code: string): Promise<UnitNode[]> {
  const page = await unitsApi.children(code, { page_size: 200 });
  return (page.items ?? []).map((u) => toNode(u, code));
}
