// The inspection calls: rounds (list, create, one round, its sampled sites, assignment), the inspector's
// own assignments, the inspection form, the draft copy kept on the server, submitting an inspection.
import { api, type Query } from '@/shared/api/client';
import type { Paging } from '@/shared/composables/usePagedList';
import type { Page } from '@/shared/types';
import type {
  Assignment,
  CheckResult,
  Inspection,
  InspectionBody,
  InspectionForm,
  InspectionRecordView,
  InspectorRow,
  Round,
  RoundSite,
} from './types';

const enc = encodeURIComponent;

export const roundsApi = {
  list: (query: Query, paging: Paging) => api.get<Page<Round>>('/rounds', { ...query, ...paging }),
  get: (code: string) => api.get<Round>(`/rounds/${enc(code)}`),
  sites: (code: string, query: Query, paging: Paging) =>
    api.get<Page<RoundSite>>(`/rounds/${enc(code)}/sites`, { ...query, ...paging }),
  create: (body: Record<string, unknown>) => api.post<Round>('/rounds', body),
  assign: (code: string, body: Record<string, unknown>) => api.post<Round>(`/rounds/${enc(code)}/actions/assign`, body),
  // The users a round's sites can be given to (readable by those who may read users).
  inspectors: () => api.get<Page<InspectorRow>>('/users', { role: 'inspector', page_size: 200 }),
};

export const inspectionsApi = {
  assignments: (query: Query, paging: Paging) => api.get<Page<Assignment>>('/my/assignments', { ...query, ...paging }),
  form: (round: string, site: string) => api.get<InspectionForm>('/inspection-form', { round, site }),
  saveDraft: (clientId: string, body: Omit<InspectionBody, 'client_id'>) =>
    api.put<unknown>(`/inspection-drafts/${enc(clientId)}`, body),
  submit: (body: InspectionBody) => api.post<Inspection>('/inspections', body),
  // A correction: a new version of a submitted inspection (reason required).
  correct: (code: string, body: { client_id: string; reason: string; note: string; results: CheckResult[] }) =>
    api.post<Inspection>(`/inspections/${enc(code)}/versions`, body),
  get: (code: string, version?: number) => api.get<InspectionRecordView>(`/inspections/${enc(code)}`, { version }),
};
