// The self-inspection calls (evidence.md "Self-inspection"): list (with each one's mean gap), export, one with
// its items, the gap table, start, one item's self-assessment, finish, and the evidence file upload.
import { api, withQuery, type Query } from '@/shared/api/client';
import type { Page } from '@/shared/types';
import type { GapTable, SelfAssessment, SelfInspection, SelfInspectionSummary, StoredFile } from './types';

export const selfInspectionsApi = {
  list: (query: Query) => api.get<Page<SelfInspectionSummary>>('/self-inspections', query),
  exportUrl: (format: 'csv' | 'xlsx', query: Query) => withQuery('/api/self-inspections/export', { format, ...query }),
  get: (id: number) => api.get<SelfInspection>(`/self-inspections/${id}`),
  gaps: (id: number) => api.get<GapTable>(`/self-inspections/${id}/gaps`),
  start: (period: string, unit: string) => api.post<SelfInspection>('/self-inspections', { period, unit }),
  setItem: (id: number, item: string, body: SelfAssessment) =>
    api.put<SelfInspection>(`/self-inspections/${id}/items/${encodeURIComponent(item)}`, body),
  finish: (id: number) => api.post<SelfInspection>(`/self-inspections/${id}/actions/finish`, {}),
  uploadFile: (file: File) =>
    api.upload<StoredFile>('/files', file, file.type || 'application/octet-stream', { name: file.name }),
};

export const fileUrl = (id: string) => `/api/files/${encodeURIComponent(id)}`;
