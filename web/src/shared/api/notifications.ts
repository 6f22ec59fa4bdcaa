// The signed-in user's notifications (the header bell): the latest page with the unread count, mark read.
import { api } from './client';
import type { Page } from '@/shared/types';

export interface Notification {
  id: number | string;
  kind: string;
  params: Record<string, unknown>;
  object_type: string;
  object_id: string;
  created_at: string;
  read_at: string | null;
}

export const notificationsApi = {
  list: (unreadOnly: boolean, page = 1, pageSize = 10) =>
    api.get<Page<Notification> & { unread_count?: number }>('/notifications', {
      unread: unreadOnly ? 'true' : undefined,
      page,
      page_size: pageSize,
    }),
  read: (id: number | string) => api.post<void>(`/notifications/${encodeURIComponent(String(id))}/actions/read`, {}),
  readAll: () => api.post<void>('/notifications/actions/read-all', {}),
};
