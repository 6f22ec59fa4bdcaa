// The selection calls (participation.md "Selection"): selections and their candidates, the stage steps, the
// panel's score sheets, objections and their resolution; the public notice, objections and honour roll.
import { api } from '@/shared/api/client';
import type {
  Candidate,
  CandidateAction,
  CandidateDetail,
  NominationInput,
  Objection,
  ObjectionInput,
  PublicCandidate,
  PublicNotice,
  Selection,
  SelectionInput,
} from './types';

const enc = encodeURIComponent;

export const selectionsApi = {
  list: () => api.get<Selection[]>('/selections'),
  get: (code: string) => api.get<Selection>(`/selections/${enc(code)}`),
  create: (body: SelectionInput) => api.post<Selection>('/selections', body),
  nominate: (selection: string, body: NominationInput) =>
    api.post<Candidate>(`/selections/${enc(selection)}/candidates`, body),
  candidate: (code: string) => api.get<CandidateDetail>(`/selection-candidates/${enc(code)}`),
  act: (code: string, action: CandidateAction, note?: string) =>
    api.post<Candidate>(`/selection-candidates/${enc(code)}/actions/${action}`, note ? { note } : {}),
  score: (code: string, points: Record<string, number>) =>
    api.post<Candidate>(`/selection-candidates/${enc(code)}/actions/score`, { points }),
  resolveObjection: (id: number, action: 'uphold' | 'dismiss', note: string) =>
    api.post<Objection>(`/selection-objections/${id}/actions/${action}`, { note }),
};

export const publicSelectionsApi = {
  notice: (code: string) =>
    api.get<PublicNotice>(`/public/selections/${enc(code)}/notice`, undefined, { expectUnauthenticated: true }),
  object: (code: string, body: ObjectionInput) =>
    api.post<{ id: number; candidate: string; state: string }>(`/public/selections/${enc(code)}/objections`, body, {
      expectUnauthenticated: true,
    }),
  honourRoll: (kind?: string) =>
    api.get<PublicCandidate[]>('/public/honour-roll', kind ? { kind } : undefined, { expectUnauthenticated: true }),
};
