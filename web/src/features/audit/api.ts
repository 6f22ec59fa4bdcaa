// The audit trail (GET /api/audit), filtered by actor, action and time, one page at a time; the filtered
// trail as a file (GET /api/audit/export).
import { api, withQuery, type Query } from '@/shared/api/client';
import type { Paging } from '@/shared/composables/usePagedList';
import type { Page } from '@/shared/types';
import type { AuditRecord } from './types';

export const auditApi = {
  list: (query: Query, paging: Paging) => api.get<Page<AuditRecord>>('/audit', { ...query, ...paging }),
  exportUrl: (query: Query, format: 'xlsx' | 'csv') => withQuery('/api/audit/export', { ...query, format }),
};
