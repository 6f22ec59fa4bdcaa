// The push channel calls: list, add, remove, and the deliveries made to them.
import { api, type Query } from '@/shared/api/client';
import type { Page } from '@/shared/types';
import type { Channel, ChannelKind, Delivery } from './types';

export const channelsApi = {
  list: () => api.get<Page<Channel>>('/channels'),
  add: (body: { unit: string; kind: ChannelKind; target: string; secret?: string }) =>
    api.post<Channel>('/channels', body),
  remove: (id: number) => api.del(`/channels/${id}`),
  deliveries: (query: Query) => api.get<Page<Delivery>>('/deliveries', query),
};
