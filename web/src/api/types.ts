// Shapes of the server's JSON (api.md, bundle.md). Optional fields are ones the server may not send yet.

export type Role =
  | 'office'
  | 'unit_officer'
  | 'inspector'
  | 'leader'
  | 'system_admin'
  | 'security_admin'
  | 'audit_admin';

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

export interface UserRow {
  id?: number | string;
  username: string;
  display_name?: string;
  unit?: UnitRef | string | null;
  unit_code?: string;
  roles?: Role[];
  locked?: boolean;
  locked_until?: string | null;
  disabled?: boolean;
  failed_logins?: number;
  created_at?: string;
  version?: number;
  status?: string;
  must_change_password?: boolean;
  last_login?: string | null;
}

export interface AuditRecord {
  seq: number;
  time: string;
  actor: string;
  role?: string;
  unit?: string;
  ip?: string;
  action: string;
  object_type?: string;
  object_id?: string;
  before?: unknown;
  after?: unknown;
}

export interface Period {
  code: string;
  start: string;
  end: string;
}

export interface FrameworkCheck {
  code: string;
  text: string;
  text_en?: string;
  deduct: number;
  site_types?: string[];
}

export interface FrameworkItem {
  code: string;
  name: string;
  name_en?: string;
  max_score: number;
  method: 'field' | 'survey' | 'statistic' | 'material';
  checks?: FrameworkCheck[];
  question?: string;
  metric?: string;
  target?: number;
  direction?: string;
}

export interface FrameworkIndicator {
  code: string;
  name: string;
  name_en?: string;
  items: FrameworkItem[];
}

export interface FrameworkAspect {
  code: string;
  name: string;
  name_en?: string;
  indicators: FrameworkIndicator[];
}

export interface Framework {
  code: string;
  name: string;
  name_en?: string;
  version?: number;
  grades?: Record<string, number>;
  aspects: FrameworkAspect[];
}

export interface FrameworkSummary {
  code: string;
  name: string;
  name_en?: string;
  version?: number;
}

export interface ItemScore {
  code: string;
  method: string;
  max_score: number;
  assessed: boolean;
  score: number | null;
  rate: number | null;
  n: number;
  [extra: string]: unknown;
}

export interface IndicatorScore {
  code: string;
  score: number;
  assessed_max: number;
  rate: number | null;
  items: ItemScore[];
}

export interface AspectScore {
  code: string;
  score: number;
  assessed_max: number;
  rate: number | null;
  indicators: IndicatorScore[];
}

export interface WeakItem {
  code: string;
  score: number;
  max_score: number;
  rate: number;
  lost: number;
}

export interface RankingRow {
  rank: number;
  unit: string;
  total: number;
  total_rate: number | null;
  coverage: number;
  disqualified: boolean;
}

export interface ScoreReport {
  unit: string;
  period: string;
  score: number;
  assessed_max: number;
  rate: number | null;
  coverage: number;
  penalty: number;
  total: number;
  total_rate: number | null;
  disqualified: boolean;
  aspects: AspectScore[];
  weak_items: WeakItem[];
  ranking: RankingRow[];
}
