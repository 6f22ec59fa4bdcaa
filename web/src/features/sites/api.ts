// The site calls: the paged list, every site matching the filters (for the map), one site, the site types,
// CSV import (all or nothing, per-row errors) and the export link.
import { api, withQuery, type Query } from '@/shared/api/client';
import type { Paging } from '@/shared/composables/usePagedList';
import type { Page } from '@/shared/types';
import type { ImportCounts, Site, SiteType } from './types';

export const sitesApi = {
  list: (query: Query, paging?: Partial<Paging>) => api.get<Page<Site>>('/sites', { ...query, ...paging }),
  get: (code: string) => api.get<Site>(`/sites/${encodeURIComponent(code)}`),
  all: async (query: Query = {}): Promise<Site[]> => {
    const out: Site[] = [];
    for (let page = 1; page <= 50; page++) {
      const p = await sitesApi.list(query, { page, page_size: 200 });
      out.push(...(p.items ?? []));
      if (out.length >= p.total || !p.items?.length) break;
    }
    return out;
  },
  types: () => api.get<SiteType[]>('/site-types'),
  import: (csv: string) => api.upload<ImportCounts>('/sites/import', csv, 'text/csv'),
  exportUrl: (query: Query) => withQuery('/api/sites/export', query),
};
