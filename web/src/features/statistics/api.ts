// The statistics calls (evidence.md "Statistic values"): the list of expected values, saving a draft, the
// submit / approve / return actions, the completeness board, the deadline and reminders.
import { api, withQuery, type Query } from '@/shared/api/client';
import type { Page } from '@/shared/types';
import type { StatisticCompleteness, StatisticEntry } from './types';

const enc = encodeURIComponent;
const path = (e: { period: string; unit: string; metric: string }) =>
  `/statistics/${enc(e.period)}/${enc(e.unit)}/${enc(e.metric)}`;

export const statisticsApi = {
  list: (query: Query) => api.get<Page<StatisticEntry>>('/statistics', query),
  get: (e: { period: string; unit: string; metric: string }) => api.get<StatisticEntry>(path(e)),
  save: (
    e: { period: string; unit: string; metric: string },
    // submit: save and submit in one transaction (a refused value leaves nothing saved).
    body: { value: number; note: string; explanation: string; source_file?: string; version: number; submit?: boolean },
  ) => api.put<StatisticEntry>(path(e), body),
  act: (
    e: { period: string; unit: string; metric: string },
    action: 'submit' | 'approve' | 'return',
    body: Record<string, unknown>,
  ) => api.post<StatisticEntry>(`${path(e)}/actions/${action}`, body),
  completeness: (period: string) => api.get<StatisticCompleteness>('/statistics/completeness', { period }),
  setDeadline: (period: string, due: string) =>
    api.put<StatisticCompleteness>(`/statistics/deadlines/${enc(period)}`, { due }),
  remind: (period: string, department?: string) =>
    api.post<{ notified: number }>('/statistics/actions/remind', { period, department }),
  exportUrl: (query: Query, format: 'csv' | 'xlsx') => withQuery('/api/statistics/export', { ...query, format }),
  // Batch entry: the template of the values the caller reports, and that workbook filled in (all or nothing).
  templateUrl: (period: string) => withQuery('/api/statistics/template', { period, format: 'xlsx' }),
  importTable: (period: string, file: File) =>
    api.upload<{ submitted: number }>(
      '/statistics/import',
      file,
      file.type || 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      { period },
    ),
  uploadFile: (file: File) =>
    api.upload<{ id: string }>('/files', file, file.type || 'application/octet-stream', { name: file.name }),
};
