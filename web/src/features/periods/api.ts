// The period lifecycle: list, create, close, reopen (with a reason).
import { api } from '@/shared/api/client';
import type { Page } from '@/shared/types';
import type { NewPeriod, PeriodRow } from './types';

const enc = encodeURIComponent;

export const periodsAdminApi = {
  list: async (): Promise<PeriodRow[]> => (await api.get<Page<PeriodRow>>('/periods')).items ?? [],
  create: (p: NewPeriod) => api.post<PeriodRow>('/periods', p),
  close: (code: string) => api.post<PeriodRow>(`/periods/${enc(code)}/actions/close`, {}),
  reopen: (code: string, reason: string) => api.post<PeriodRow>(`/periods/${enc(code)}/actions/reopen`, { reason }),
};
