// The bulletin calls: list, one, draft, edit the prose, approve / publish / withdraw, the document link.
import { api, withQuery, type Query } from '@/shared/api/client';
import type { Page } from '@/shared/types';
import type { Bulletin, BulletinKind, BulletinProse } from './types';

export const bulletinsApi = {
  list: (query: Query) => api.get<Page<Bulletin>>('/bulletins', query),
  get: (id: number) => api.get<Bulletin>(`/bulletins/${id}`),
  draft: (body: { kind: BulletinKind; unit?: string; period?: string; round?: string }) =>
    api.post<Bulletin>('/bulletins', body),
  update: (id: number, body: { version: number; title?: string; prose: BulletinProse }) =>
    api.put<Bulletin>(`/bulletins/${id}`, body),
  act: (id: number, action: 'approve' | 'publish' | 'withdraw', body: Record<string, unknown> = {}) =>
    api.post<Bulletin>(`/bulletins/${id}/actions/${action}`, body),
  documentUrl: (id: number, format: 'html' | 'pdf' | 'docx') => withQuery(`/api/bulletins/${id}/document`, { format }),
};
