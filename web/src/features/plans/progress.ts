// How a task or unit's progress is shown on every plan page: percentages, the status a task is in, its
// colour. "Behind" uses the plan's tolerance exactly as the board does (workplans.md: P < E − tolerance).
import type { Task, UnitProgress } from './types';

export const DEFAULT_TOLERANCE = 0.1;

export type TaskState = 'done' | 'overdue' | 'behind' | 'open';

export function taskState(
  t: Pick<Task, 'done' | 'overdue' | 'progress' | 'expected'>,
  tolerance = DEFAULT_TOLERANCE,
): TaskState {
  if (t.done) return 'done';
  if (t.overdue) return 'overdue';
  if (t.progress !== null && t.expected !== null && t.progress < t.expected - tolerance) return 'behind';
  return 'open';
}

export const STATE_TAG: Record<TaskState, 'success' | 'danger' | 'warning' | 'primary'> = {
  done: 'success',
  overdue: 'danger',
  behind: 'warning',
  open: 'primary',
};

export const STATE_COLOR: Record<TaskState, string> = {
  done: '#67c23a',
  overdue: '#f56c6c',
  behind: '#e6a23c',
  open: '#409eff',
};

// 0..1 → whole percent for progress bars (null → 0; the label says "—" separately).
export function percent(v: number | null | undefined): number {
  if (v === null || v === undefined || Number.isNaN(v)) return 0;
  return Math.round(Math.min(1, Math.max(0, v)) * 1000) / 10;
}

export function isBehind(u: Pick<UnitProgress, 'status'>): boolean {
  return u.status === 'behind';
}

// Days since 1970-01-01 of a "YYYY-MM-DD" date (UTC arithmetic, no time-zone drift).
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return Math.floor(Date.UTC(y, (m || 1) - 1, d || 1) / 86400000);
}

export function isoOfDay(n: number): string {
  return new Date(n * 86400000).toISOString().slice(0, 10);
}
