// Shapes of the case answers (cases.md): cases and their events, actions, measures and rankings, the
// public report's answer and its tracking page. Fields the server may omit are optional.

export type CaseState = 'reported' | 'registered' | 'rejected' | 'dispatched' | 'handling' | 'handled' | 'closed';
export const CASE_STATES: CaseState[] = [
  'reported',
  'registered',
  'rejected',
  'dispatched',
  'handling',
  'handled',
  'closed',
];
export const CASE_SOURCES = ['inspection', 'public', 'office', 'hotline'] as const;
// Severity values as the server stores them, with their i18n keys (severity.<key>).
export const SEVERITIES = ['一般', '较重', '严重'];
export const SEVERITY_KEYS: Record<string, string> = { 一般: 'normal', 较重: 'serious', 严重: 'severe' };

export interface CaseCategory {
  code: string;
  name: string;
  name_en?: string;
  time_limit_hours: number;
}

export interface CaseSummary {
  code: string;
  title: string;
  category: string;
  severity?: string;
  state: CaseState;
  source: string;
  unit: string | null;
  unit_name: string | null;
  site: string | null;
  site_name: string | null;
  item: string | null;
  check: string | null;
  lat?: number | null;
  lon?: number | null;
  address?: string | null;
  reported_at: string;
  first_dispatched_at?: string | null;
  due_at?: string | null;
  closed_at?: string | null;
  outcome?: string | null;
  overdue?: boolean;
  escalation_level?: number;
  rework_count?: number;
  reopen_count?: number;
  send_back_count?: number;
  possible_duplicate_of?: string | null;
  duplicate_of?: string | null;
  version: number;
}

export interface CaseEvent {
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string | null;
  actor?: string;
  actor_name?: string;
  at: string;
  note?: string | null;
  reason?: string | null;
  photos?: string[];
  data?: Record<string, unknown>;
}

export interface CaseDetail extends CaseSummary {
  description?: string;
  failure_count?: number | null;
  inspection?: string | null;
  photos?: string[];
  postponement_pending?: boolean;
  requested_due_at?: string | null;
  events?: CaseEvent[];
  allowed_actions?: string[];
}

export interface CaseActionBody {
  version?: number;
  reason?: string;
  note?: string;
  photos?: string[];
  category?: string;
  severity?: string;
  unit?: string;
  requested_due_at?: string;
  new_due_at?: string;
  outcome?: string;
  duplicate_of?: string;
  lat?: number;
  lon?: number;
}

export interface Measures {
  base_count: number;
  closure_rate: number | null;
  on_time_closure_rate: number | null;
  rework_rate: number | null;
  postponement_rate: number | null;
  accurate_dispatch_rate: number | null;
  overdue_open: number;
  mean_hours_to_close: number | null;
  fixed_share: number | null;
  composite: number | null;
}

export interface CaseMeasures {
  unit: string;
  unit_name: string;
  period: string;
  now?: string;
  measures: Measures;
  children: { unit: string; unit_name: string; measures: Measures }[];
}

export interface RankingEntry {
  rank: number;
  unit: string;
  unit_name: string;
  case_count: number;
  composite: number | null;
  measures?: Measures;
}

export interface CaseRankings {
  period: string;
  level: string;
  ranking: RankingEntry[];
  red: RankingEntry[];
  black: RankingEntry[];
  // How the lists are formed: the top/bottom `list_size` of the units with at least `min_cases` cases;
  // `rank` is the place among the `ranked` units of the level that have a composite (of `units`).
  list_size?: number;
  min_cases?: number;
  ranked?: number;
  units?: number;
}

export interface PublicTrack {
  code: string;
  category: string;
  state: string;
  status: 'open' | 'closed';
  reported_at: string;
  updated_at: string;
  status_notes?: string;
  events: { action: string; at: string; to_state: string }[];
}

export interface PublicReportAnswer {
  code: string;
  state: string;
  possible_duplicate: boolean;
}
