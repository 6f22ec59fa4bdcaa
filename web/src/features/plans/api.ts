// The work-plan calls (workplans.md): plans, tasks and their actions, progress per unit, lagging items, the
// task breakdown table's import (a refused table's ApiError lists its rows) and export, evidence files.
import { api, withQuery, type Query } from '@/shared/api/client';
import type { Page } from '@/shared/types';
import type { ImportResult, LaggingItem, Plan, PlanProgress, StoredFile, Task, TaskAction, TaskDetail } from './types';

const enc = encodeURIComponent;

export const plansApi = {
  plans: (query: Query = {}) => api.get<Page<Plan>>('/plans', { page_size: 200, ...query }),
  plan: (code: string) => api.get<Plan>(`/plans/${enc(code)}`),
  tasks: (query: Query) => api.get<Page<Task>>('/tasks', query),
  task: (code: string) => api.get<TaskDetail>(`/tasks/${enc(code)}`),
  act: (code: string, action: TaskAction, body: Record<string, unknown>) =>
    api.post<TaskDetail>(`/tasks/${enc(code)}/actions/${action}`, body),
  progress: (query: { unit?: string; date?: string; plan?: string }) => api.get<PlanProgress>('/plan-progress', query),
  lagging: (plan: string, unit?: string) => api.get<LaggingItem[]>(`/plans/${enc(plan)}/lagging-items`, { unit }),
  exportUrl: (plan: string, format: 'csv' | 'xlsx', owner?: string) =>
    withQuery(`/api/plans/${enc(plan)}/tasks/export`, { format, owner }),
  importTasks: (plan: string, file: File) =>
    api.upload<ImportResult>(`/plans/${enc(plan)}/tasks/import`, file, tableType(file)),
  uploadFile: (file: File) =>
    api.upload<StoredFile>('/files', file, file.type || 'application/octet-stream', { name: file.name }),
};

export const fileUrl = (id: string) => `/api/files/${enc(id)}`;

function tableType(file: File): string {
  if (/\.xlsx$/i.test(file.name)) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return 'text/csv';
}
