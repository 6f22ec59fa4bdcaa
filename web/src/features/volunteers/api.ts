// The volunteer calls (participation.md "Volunteers"): the list and its export, one volunteer (masked, or one
// field revealed), confirm / reject, an officer's entry, teams and their members, and the public registration.
import { api, withQuery, type Query } from '@/shared/api/client';
import type { Paging } from '@/shared/composables/usePagedList';
import type { Page } from '@/shared/types';
import type { Volunteer, VolunteerInput, VolunteerTeam, VolunteerTeamInput } from './types';

const enc = encodeURIComponent;

export const volunteersApi = {
  exportUrl: (query: Query, format: 'xlsx' | 'csv') => withQuery('/api/volunteers/export', { ...query, format }),
  list: (query: Query, paging?: Partial<Paging>) => api.get<Page<Volunteer>>('/volunteers', { ...query, ...paging }),
  get: (code: string, reveal?: 'phone' | 'id_number') =>
    api.get<Volunteer>(`/volunteers/${enc(code)}`, reveal ? { reveal } : undefined),
  enter: (body: VolunteerInput) => api.post<Volunteer>('/volunteers', body),
  confirm: (code: string) => api.post<Volunteer>(`/volunteers/${enc(code)}/actions/confirm`, {}),
  reject: (code: string, reason: string) => api.post<Volunteer>(`/volunteers/${enc(code)}/actions/reject`, { reason }),
  teams: () => api.get<VolunteerTeam[]>('/volunteer-teams'),
  createTeam: (body: VolunteerTeamInput) => api.post<VolunteerTeam>('/volunteer-teams', body),
  addMember: (team: string, volunteer: string) =>
    api.post<VolunteerTeam>(`/volunteer-teams/${enc(team)}/members`, { volunteer }),
  removeMember: (team: string, volunteer: string) => api.del(`/volunteer-teams/${enc(team)}/members/${enc(volunteer)}`),
};

export const publicVolunteersApi = {
  register: (body: VolunteerInput) => api.post<Volunteer>('/public/volunteers', body, { expectUnauthenticated: true }),
};
