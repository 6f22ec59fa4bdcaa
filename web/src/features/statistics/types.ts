// Statistic values as GET /api/statistics answers them (evidence.md "Statistic values").
export type StatisticState = 'missing' | 'draft' | 'submitted' | 'approved' | 'returned';

export interface StatisticEvent {
  action: string;
  actor: string;
  actor_name?: string;
  at: string;
  value: number;
  reason: string;
}

export interface StatisticEntry {
  period: string;
  unit: string;
  unit_name: string;
  metric: string;
  item: string;
  item_name: string;
  item_name_en: string | null;
  measure: string | null;
  min: number | null;
  max: number | null;
  department: string;
  department_name: string;
  previous: number | null;
  state: StatisticState;
  value: number | null;
  note: string;
  source_file: string | null;
  explanation: string;
  version: number;
  reported_by: string;
  submitted_at: string | null;
  decided_by: string;
  decided_at: string | null;
  return_reason: string;
  may_report: boolean;
  may_review: boolean;
  history: StatisticEvent[];
}

export interface DepartmentCompleteness {
  department: string;
  department_name: string;
  expected: number;
  draft: number;
  submitted: number;
  approved: number;
  returned: number;
  missing: number;
  overdue: boolean;
}

export interface StatisticCompleteness {
  period: string;
  deadline: string;
  deadline_set: boolean;
  departments: DepartmentCompleteness[];
}
