// Shapes of the work-plan answers (workplans.md): plans with their phases and actions, tasks and their
// reports and history, progress per unit, items whose tasks are done but whose score still lags.

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
  approval_by_other_unit?: boolean;
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
  owner_name_en: string;
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

export type ReportState = 'pending' | 'approved' | 'rejected' | 'noted';

export interface TaskReport {
  id: number | string;
  progress: number | null; // null: a note on a task with sub-tasks (state noted)
  note: string;
  files: string[];
  photos: string[];
  state: ReportState;
  reason: string | null;
  reported_by: string;
  reported_by_name?: string;
  reported_at: string;
  decided_by: string | null;
  decided_by_name?: string | null;
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
  unit_name_en: string;
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

export interface ImportResult {
  created: number;
  updated: number;
}

export type TaskStatusFilter = 'done' | 'overdue' | 'open';
