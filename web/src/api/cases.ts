// Shapes and calls of issue 4's endpoints (contract.md): cases, case measures and rankings, photos, sites,
// rounds, assignments, inspections, notifications, public reports. Fields the server may omit are optional.
import { api, type Query } from './client';
import type { Page } from './types';

export type CaseState = 'reported' | 'registered' | 'rejected' | 'dispatched' | 'handling' | 'handled' | 'closed';
export const CASE_STATES: CaseState[] = ['reported', 'registered', 'rejected', 'dispatched', 'handling', 'handled', 'closed'];
export const CASE_SOURCES = ['inspection', 'public', 'office', 'hotline'] as const;
export const CASE_ACTIONS = [
  'register', 'reject', 'dispatch', 'accept', 'send-back', 'ask-postponement', 'approve-postponement',
  'refuse-postponement', 'report-handled', 'verify-ok', 'verify-fail', 'reopen', 'supervise',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
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
}

export interface Photo {
  id: string;
  mime: string;
  size: number;
  width?: number | null;
  height?: number | null;
}

export interface Site {
  code: string;
  name: string;
  type: string;
  unit: string;
  unit_name?: string;
  lat: number | null;
  lon: number | null;
  address?: string | null;
  grid_cell?: string | null;
  version?: number;
}

export interface Round {
  code: string;
  name: string;
  period: string;
  status: 'open' | 'completed';
  seed?: string;
  items: string[];
  sample_total: number;
  done: number;
  to_do: number;
  created_at?: string;
  created_by?: string;
  strata?: { unit: string; unit_name: string; site_type: string; population: number; sample_size: number }[];
  inspectors?: { username: string; display_name: string; done: number; to_do: number }[];
}

export interface RoundSite {
  site: string;
  site_name: string;
  site_type: string;
  unit: string;
  unit_name: string;
  lat?: number | null;
  lon?: number | null;
  address?: string | null;
  inspector: string | null;
  status: 'to_do' | 'draft' | 'submitted';
  inspection: string | null;
}

export interface Assignment extends RoundSite {
  round: string;
  round_name: string;
  period: string;
  draft: string | null;
}

export interface FormCheck {
  check: string;
  item: string;
  item_name: string;
  text: string;
}

export interface InspectionForm {
  round: string;
  period: string;
  site: Site;
  checks: FormCheck[];
}

export interface CheckResult {
  check: string;
  failures: number | null;
  note: string;
  photos: string[];
}

export interface InspectionBody {
  client_id: string;
  round: string;
  site: string;
  inspected_at: string;
  gps: { lat: number; lon: number; accuracy: number } | null;
  note: string;
  results: CheckResult[];
}

export interface Inspection {
  code: string;
  version: number;
  round: string;
  site: string;
  period: string;
  inspector: string;
  inspected_at: string;
  submitted_at: string;
  results: CheckResult[];
  cases: string[];
}

export interface Notification {
  id: number | string;
  kind: string;
  params: Record<string, unknown>;
  object_type: string;
  object_id: string;
  created_at: string;
  read_at: string | null;
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

const enc = encodeURIComponent;

export const casesApi = {
  categories: () => api.get<CaseCategory[]>('/case-categories', undefined, { expectUnauthenticated: true }),
  get: (code: string) => api.get<CaseDetail>(`/cases/${enc(code)}`),
  create: (body: Record<string, unknown>) => api.post<CaseDetail>('/cases', body),
  act: (code: string, action: string, body: CaseActionBody) =>
    api.post<CaseDetail>(`/cases/${enc(code)}/actions/${action}`, body),
  measures: (unit: string, period: string) => api.get<CaseMeasures>('/case-measures', { unit, period }),
  rankings: (q: Query) => api.get<CaseRankings>('/case-rankings', q),
};

export const photosApi = {
  upload: (file: Blob, isPublic = false) =>
    api.upload<Photo>(isPublic ? '/public/photos' : '/photos', file, file.type || 'image/jpeg', undefined, {
      expectUnauthenticated: isPublic,
    }),
  url: (id: string, isPublic = false) => `/api/${isPublic ? 'public/' : ''}photos/${enc(id)}`,
};

export const sitesApi = {
  get: (code: string) => api.get<Site>(`/sites/${enc(code)}`),
  all: async (query: Query = {}): Promise<Site[]> => {
    const out: Site[] = [];
    for (let page = 1; page <= 50; page++) {
      const p = await api.get<Page<Site>>('/sites', { ...query, page, page_size: 200 });
      out.push(...(p.items ?? []));
      if (out.length >= p.total || !p.items?.length) break;
    }
    return out;
  },
  types: () => api.get<{ type: string; site_count: number }[]>('/site-types'),
  import: (csv: string) => api.upload<{ created: number; updated: number }>('/sites/import', csv, 'text/csv'),
  exportUrl: (query: Query) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) p.set(k, String(v));
    const s = p.toString();
    return `/api/sites/export${s ? `?${s}` : ''}`;
  },
};

export const roundsApi = {
  get: (code: string) => api.get<Round>(`/rounds/${enc(code)}`),
  create: (body: Record<string, unknown>) => api.post<Round>('/rounds', body),
  assign: (code: string, body: Record<string, unknown>) => api.post<Round>(`/rounds/${enc(code)}/actions/assign`, body),
  complete: (code: string) => api.post<Round>(`/rounds/${enc(code)}/actions/complete`, {}),
};

export const inspectionsApi = {
  form: (round: string, site: string) => api.get<InspectionForm>('/inspection-form', { round, site }),
  saveDraft: (clientId: string, body: Omit<InspectionBody, 'client_id'>) =>
    api.put<unknown>(`/inspection-drafts/${enc(clientId)}`, body),
  getDraft: (clientId: string) => api.get<InspectionBody>(`/inspection-drafts/${enc(clientId)}`),
  submit: (body: InspectionBody) => api.post<Inspection>('/inspections', body),
  get: (code: string) => api.get<Inspection>(`/inspections/${enc(code)}`),
};

export const notificationsApi = {
  list: (unreadOnly: boolean, page = 1, pageSize = 10) =>
    api.get<Page<Notification> & { unread_count?: number }>('/notifications', {
      unread: unreadOnly ? 'true' : undefined,
      page,
      page_size: pageSize,
    }),
  read: (id: number | string) => api.post<void>(`/notifications/${enc(String(id))}/actions/read`, {}),
  readAll: () => api.post<void>('/notifications/actions/read-all', {}),
};

export const publicApi = {
  report: (body: Record<string, unknown>) =>
    api.post<{ code: string; state: string; possible_duplicate: boolean }>('/public/reports', body, {
      expectUnauthenticated: true,
    }),
  track: (code: string) => api.get<PublicTrack>(`/public/reports/${enc(code)}`, undefined, { expectUnauthenticated: true }),
};
