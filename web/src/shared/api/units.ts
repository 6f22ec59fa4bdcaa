// The unit tree within the caller's scope: one unit (GET /api/units/{code}) and a page of its children
// (GET /api/units?parent=CODE). The unit tree, the unit picker and the unit pages read units through these.
import { api, type Query } from './client';
import type { Page, Unit } from '@/shared/types';

export const unitsApi = {
  get: (code: string) => api.get<Unit>(`/units/${encodeURIComponent(code)}`),
  children: (parent: string, query: Query = {}) => api.get<Page<Unit>>('/units', { ...query, parent }),
};
