// The evaluation periods (GET /api/periods), as the pickers and the trend charts list them.
import { api } from './client';
import type { Page, Period } from '@/shared/types';

export const periodsApi = {
  list: async (): Promise<Period[]> => (await api.get<Page<Period>>('/periods', { page_size: 200 })).items ?? [],
};
