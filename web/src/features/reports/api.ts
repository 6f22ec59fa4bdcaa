// The work-summary calls (reports.md): list and export, create, one with figures, save the prose, the state
// actions, the document in a format (a download URL; the HTML preview fetched as text).
import { api, withQuery, type Query } from '@/shared/api/client';
import type { Page } from '@/shared/types';
import type { Report, ReportAction, ReportFormat, ReportSummary } from './types';

export const reportsApi = {
  list: (query: Query) => api.get<Page<ReportSummary>>('/reports', query),
  exportUrl: (query: Query) => withQuery('/api/reports/export', { format: 'xlsx', ...query }),
  get: (id: number) => api.get<Report>(`/reports/${id}`),
  create: (unit: string, period: string, title: string) =>
    api.post<Report>('/reports', { template: 'summary', unit, period, title }),
  save: (id: number, prose: Record<string, string[]>, version: number) =>
    api.put<Report>(`/reports/${id}`, { prose, version }),
  act: (id: number, action: ReportAction, reason = '') =>
    api.post<Report>(`/reports/${id}/actions/${action}`, reason ? { reason } : {}),
  documentUrl: (id: number, format: ReportFormat) => withQuery(`/api/reports/${id}/document`, { format }),
  async previewHtml(id: number): Promise<string> {
    const res = await fetch(`/api/reports/${id}/document?format=html`, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
    return res.text();
  },
};
