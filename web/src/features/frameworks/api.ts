// The framework editor's calls: a stored version, drafts (open, read, save, diff, publish), the sheet.
import { api } from '@/shared/api/client';
import type { Page } from '@/shared/types';
import type { Framework } from '@/features/evaluation/types';
import type { DraftDiff, EditableFramework, FrameworkDraft } from './types';

const enc = encodeURIComponent;

export const draftsApi = {
  // One stored version of a framework (bundle.md `framework`).
  version: (code: string, version: number) => api.get<Framework>(`/frameworks/${enc(code)}`, { version }),
  list: async (): Promise<FrameworkDraft[]> => (await api.get<Page<FrameworkDraft>>('/framework-drafts')).items ?? [],
  create: (code: string, fromVersion?: number) =>
    api.post<FrameworkDraft>(
      `/frameworks/${enc(code)}/drafts`,
      fromVersion === undefined ? {} : { from_version: fromVersion },
    ),
  get: (id: number) => api.get<FrameworkDraft>(`/framework-drafts/${id}`),
  save: (id: number, document: EditableFramework, version: number) =>
    api.put<FrameworkDraft>(`/framework-drafts/${id}`, { document, version }),
  diff: (id: number) => api.get<DraftDiff>(`/framework-drafts/${id}/diff`),
  importSheet: (code: string, file: Blob) =>
    api.upload<FrameworkDraft>(
      '/frameworks/import',
      file,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      { code },
    ),
  exportUrl: (code: string, version?: number) =>
    `/api/frameworks/${enc(code)}/export?format=xlsx${version ? `&version=${version}` : ''}`,
  publish: (id: number) => api.post<{ code: string; version: number }>(`/framework-drafts/${id}/actions/publish`, {}),
};
