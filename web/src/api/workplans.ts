// Work plans (workplans.md, contract "Work plans"): shapes of the server's JSON and the calls the plan pages
// make. Raw uploads (evidence photos and files, the task breakdown table) go through `upload`, which keeps
// client.ts's CSRF and error conventions and also returns the table import's per-row `errors`.
import { api, ApiError, withQuery, type Query } from './client';
import type { Page } from './types';

export interface Phase {
  code: string;
  name: string;
  start: string;
  end: string;
}

export interface PlanAction {
  code: string;
  name: string;
  description?: string;
  phases: string[];
}

export interface Plan {
  code: string;
  name: string;
  period: string;
  start?: string;
  end?: string;
  reports_need_approval: boolean;
  tolerance: number;
  remind_days_before: number;
  escalate_after_days: number;
  phases: Phase[];
  actions: PlanAction[];
  version: number;
}

export interface Task {
  code: string;
  title: string;
  plan: string;
  action: string;
  action_name: string;
  owner: string;
  owner_name: string;
  co_units: string[];
  assigned_by: string;
  items: string[];
  start: string;
  due: string;
  weight: number;
  deliverable: string;
  evidence_required: string;
  parent: string | null;
  children_count: number;
  progress: number | null;
  expected: number | null;
  done: boolean;
  overdue: boolean;
  version: number;
}

export type ReportState = 'pending' | 'approved' | 'rejected';

export interface TaskReport {
  id: number | string;
  progress: number;
  note: string;
  files: string[];
  photos: string[];
  state: ReportState;
  reason: string | null;
  reported_by: string;
  reported_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface TaskEvent {
  seq: number;
  action: string;
  actor: string;
  actor_name: string;
  at: string;
  note: string | null;
  data: Record<string, unknown> | null;
}

export type TaskAction = 'report' | 'approve' | 'reject' | 'split' | 'remind';

export interface TaskDetail extends Task {
  children: Task[];
  reports: TaskReport[];
  events: TaskEvent[];
  allowed_actions: string[];
}

export type ProgressStatus = 'behind' | 'on_track' | null;

export interface UnitProgress {
  unit: string;
  unit_name: string;
  progress: number | null;
  expected: number | null;
  status: ProgressStatus;
  task_count: number;
  overdue_count: number;
}

export interface PlanProgress extends UnitProgress {
  date: string;
  plan: string | null;
  tolerance: number;
  children: UnitProgress[];
}

export interface LaggingItem {
  item: string;
  item_name: string;
  score_rate: number | null;
  tasks: string[];
}

export interface SplitChild {
  code?: string;
  title: string;
  owner: string;
  co_units: string[];
  start: string;
  due: string;
  weight: number;
  items: string[];
  deliverable: string;
  evidence_required: string;
}

export interface StoredFile {
  id: string;
  mime: string;
  size: number;
  name?: string | null;
}

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportResult {
  created: number;
  updated: number;
}

// A failed table import: the ApiError plus the rows it names (empty when the whole file was refused).
export class ImportError extends ApiError {
  constructor(
    base: ApiError,
    readonly rows: ImportRowError[],
  ) {
    super(base.status, base.code, base.message, base.field);
    this.name = 'ImportError';
  }
}

export type TaskStatusFilter = 'done' | 'overdue' | 'open';

const enc = encodeURIComponent;

export const plansApi = {
  plans: (query: Query = {}) => api.get<Page<Plan>>('/plans', { page_size: 200, ...query }),
  plan: (code: string) => api.get<Plan>(`/plans/${enc(code)}`),
  tasks: (query: Query) => api.get<Page<Task>>('/tasks', query),
  task: (code: string) => api.get<TaskDetail>(`/tasks/${enc(code)}`),
  act: (code: string, action: TaskAction, body: Record<string, unknown>) =>
    api.post<TaskDetail>(`/tasks/${enc(code)}/actions/${action}`, body),
  progress: (query: { unit?: string; date?: string; plan?: string }) =>
    api.get<PlanProgress>('/plan-progress', query),
  lagging: (plan: string, unit?: string) =>
    api.get<LaggingItem[] | Page<LaggingItem>>(`/plans/${enc(plan)}/lagging-items`, { unit }),
  exportUrl: (plan: string, format: 'csv' | 'xlsx', owner?: string) =>
    withQuery(`/api/plans/${enc(plan)}/tasks/export`, { format, owner }),
  importTasks: (plan: string, file: File) =>
    upload<ImportResult>(`/plans/${enc(plan)}/tasks/import`, file, tableType(file)),
  uploadPhoto: (file: File) => upload<StoredFile>('/photos', file, file.type || 'image/jpeg'),
  uploadFile: (file: File) => upload<StoredFile>(withQuery('/files', { name: file.name }), file, file.type || 'application/octet-stream'),
};

export const photoUrl = (id: string) => `/api/photos/${enc(id)}`;
export const fileUrl = (id: string) => `/api/files/${enc(id)}`;

function tableType(file: File): string {
  if (/\.xlsx$/i.test(file.name)) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return 'text/csv';
}

// The same CSRF token client.ts keeps (sessionStorage 'civic.csrf').
const CSRF_KEY = 'civic.csrf';

async function upload<T>(path: string, file: Blob, contentType: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': contentType };
  const token = sessionStorage.getItem(CSRF_KEY);
  if (token) headers['X-CSRF-Token'] = token;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method: 'POST', headers, body: file, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached');
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const body = json as
      | { error?: { code?: string; message?: string; field?: string | null }; errors?: ImportRowError[] }
      | undefined;
    const base = new ApiError(
      res.status,
      body?.error?.code ?? `http_${res.status}`,
      body?.error?.message ?? (res.statusText || `HTTP ${res.status}`),
      body?.error?.field || null,
    );
    throw new ImportError(base, Array.isArray(body?.errors) ? body.errors : []);
  }
  if (text && json === undefined) throw new ApiError(res.status, 'bad_response', 'The server did not answer with JSON');
  return json as T;
}

// The list answer of lagging-items may be a bare array (contract) or a page.
export function asList<T>(answer: T[] | Page<T> | null | undefined): T[] {
  if (!answer) return [];
  return Array.isArray(answer) ? answer : (answer.items ?? []);
}
