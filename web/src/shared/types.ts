// Shapes several features share: the signed-in user, a page of a list (api.md), a unit, a period.

export type Role =
  'office' | 'unit_officer' | 'inspector' | 'leader' | 'system_admin' | 'security_admin' | 'audit_admin';

export interface UnitRef {
  code: string;
  name: string;
  name_en?: string;
  path?: string;
}

export interface User {
  id: number | string;
  username: string;
  display_name: string;
  unit: UnitRef;
  roles: Role[];
  permissions: string[];
  must_change_password: boolean;
}

export interface SessionAnswer {
  user: User;
  csrf_token: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export interface Unit {
  code: string;
  name: string;
  name_en?: string;
  type?: string;
  parent?: string | null;
  parent_id?: number | null;
  path?: string;
  population?: number | null;
  version?: number;
}

export interface Period {
  code: string;
  start: string;
  end: string;
}
