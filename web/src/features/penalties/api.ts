// The negative-list calls: list, record, withdraw, export; the period's framework for its list of types.
import { api, withQuery, type Query } from '@/shared/api/client';
import type { Page } from '@/shared/types';
import type { NegativeListType, Penalty } from './types';

export const penaltiesApi = {
  list: (query: Query) => api.get<Page<Penalty>>('/penalties', query),
  record: (body: { period: string; unit: string; type: string; date: string; description: string; files: string[] }) =>
    api.post<Penalty>('/penalties', body),
  withdraw: (id: number, reason: string) => api.post<Penalty>(`/penalties/${id}/actions/withdraw`, { reason }),
  exportUrl: (query: Query, format: 'csv' | 'xlsx') => withQuery('/api/penalties/export', { ...query, format }),
  // The negative-list types of the period's framework version.
  types: async (period: string): Promise<NegativeListType[]> => {
    const periods = await api.get<Page<{ code: string; framework: { code: string; version: number } }>>('/periods', {
      page_size: 200,
    });
    const p = (periods.items ?? []).find((x) => x.code === period);
    if (!p) return [];
    const f = await api.get<{ negative_list?: NegativeListType[] }>(
      `/frameworks/${encodeURIComponent(p.framework.code)}`,
      { version: p.framework.version },
    );
    return f.negative_list ?? [];
  },
};
