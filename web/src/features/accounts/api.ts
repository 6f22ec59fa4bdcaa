// User administration (三员分立): the paged user list, adding a user (system admin), locking, unlocking and
// resetting a password (security admin); the security policy in force (read-only). Signing in and out and
// changing one's own password are the auth store's (shared/stores/auth.ts).
import { api, withQuery, type Query } from '@/shared/api/client';
import type { Paging } from '@/shared/composables/usePagedList';
import type { Page } from '@/shared/types';
import type { OneTimePassword, UserRow } from './types';

export type UserAction = 'lock' | 'unlock' | 'reset-password';

export const usersApi = {
  list: (query: Query, paging: Paging) => api.get<Page<UserRow>>('/users', { ...query, ...paging }),
  create: (body: Record<string, unknown>) => api.post<OneTimePassword>('/users', body),
  // The filtered list as a file to download (the session cookie authenticates the link).
  exportUrl: (query: Query, format: 'xlsx' | 'csv') => withQuery('/api/users/export', { ...query, format }),
  act: (username: string, action: UserAction) =>
    api.post<OneTimePassword>(`/users/${encodeURIComponent(username)}/actions/${action}`),
};

// GET /api/security/settings: each setting a whole number (durations in the unit its key names), and
// `bounds`: the settings the security admin may change (PUT), each with its limits.
export type SecuritySettings = Record<string, number> & {
  bounds?: Record<string, { min: number; max: number }>;
};

export const securityApi = {
  settings: () => api.get<SecuritySettings>('/security/settings'),
  // PUT /api/security/settings: some of the changeable settings; answers the policy in force.
  update: (changes: Record<string, number>) => api.put<SecuritySettings>('/security/settings', changes),
};
