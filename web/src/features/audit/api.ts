// The audit trail (GET /api/audit), filtered by actor, action and time, one page at a time.
import { api, type Query } from '@/shared/api/client';
import type { Paging } from '@/shared/composables/usePagedList';
import type { Page } from '@/shared/types';
import type { AuditRecord } from './types';

export const auditApi = {
  list: (query: Query, paging: Paging) => api.get<Page<AuditRecord>>('/audit', { ...query, ...paging }),
};
