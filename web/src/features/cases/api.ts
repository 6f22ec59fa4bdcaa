// The case calls (cases.md): the list, one case and its actions, case measures and rankings, the public
// report (随手拍) and its tracking page (no sign-in).
import { api, withQuery, type Query } from '@/shared/api/client';
import type { Paging } from '@/shared/composables/usePagedList';
import type { Page } from '@/shared/types';
import type {
  CaseActionBody,
  CaseCategory,
  CaseDetail,
  CaseMeasures,
  CaseRankings,
  CaseSummary,
  PublicReportAnswer,
  PublicTrack,
} from './types';

const enc = encodeURIComponent;

export const casesApi = {
  // The filtered list as a file to download (the session cookie authenticates the link).
  exportUrl: (query: Query, format: 'xlsx' | 'csv') => withQuery('/api/cases/export', { ...query, format }),
  categories: () => api.get<CaseCategory[]>('/case-categories', undefined, { expectUnauthenticated: true }),
  list: (query: Query, paging?: Partial<Paging>) => api.get<Page<CaseSummary>>('/cases', { ...query, ...paging }),
  get: (code: string) => api.get<CaseDetail>(`/cases/${enc(code)}`),
  act: (code: string, action: string, body: CaseActionBody) =>
    api.post<CaseDetail>(`/cases/${enc(code)}/actions/${action}`, body),
  measures: (unit: string, period: string) => api.get<CaseMeasures>('/case-measures', { unit, period }),
  rankings: (q: Query) => api.get<CaseRankings>('/case-rankings', q),
  rankingsExportUrl: (q: Query, format: 'xlsx' | 'csv') => withQuery('/api/case-rankings/export', { ...q, format }),
};

export const publicApi = {
  report: (body: Record<string, unknown>) =>
    api.post<PublicReportAnswer>('/public/reports', body, { expectUnauthenticated: true }),
  track: (code: string) =>
    api.get<PublicTrack>(`/public/reports/${enc(code)}`, undefined, { expectUnauthenticated: true }),
};
