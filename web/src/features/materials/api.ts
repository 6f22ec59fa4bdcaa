// The material submission calls (evidence.md "Material submissions"): list (review queue), one, draft,
// edit, submit / grade / return, export, and the evidence file upload.
import { api, withQuery, type Query } from '@/shared/api/client';
import type { Page } from '@/shared/types';
import type { MaterialStatusRow, MaterialSubmission, StoredFile } from './types';

export const materialsApi = {
  list: (query: Query) => api.get<Page<MaterialSubmission>>('/materials', query),
  status: (period: string) => api.get<{ period: string; items: MaterialStatusRow[] }>('/materials/status', { period }),
  get: (id: number) => api.get<MaterialSubmission>(`/materials/${id}`),
  create: (body: { period: string; item: string; unit: string; description: string; files: string[] }) =>
    api.post<MaterialSubmission>('/materials', body),
  update: (id: number, body: { description: string; files: string[]; version: number }) =>
    api.put<MaterialSubmission>(`/materials/${id}`, body),
  act: (id: number, action: 'submit' | 'grade' | 'return', body: Record<string, unknown> = {}) =>
    api.post<MaterialSubmission>(`/materials/${id}/actions/${action}`, body),
  exportUrl: (format: 'csv' | 'xlsx', query: Query) => withQuery('/api/materials/export', { format, ...query }),
  uploadFile: (file: File) =>
    api.upload<StoredFile>('/files', file, file.type || 'application/octet-stream', { name: file.name }),
};

export const fileUrl = (id: string) => `/api/files/${encodeURIComponent(id)}`;
