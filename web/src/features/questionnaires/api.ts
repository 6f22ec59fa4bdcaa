// The questionnaire calls (docs/questionnaires.md "Endpoints"): list, one (the open draft or the latest
// published), versions, create, save with the revision read, publish/close/reopen, quotas with their fill,
// interviewer assignments (list, add, change target and mode, remove),
// raw responses with review (accept/reject with a reason) and export, results, crosstab and their export.
import { api, withQuery, type Query } from '@/shared/api/client';
import type { Page } from '@/shared/types';
import type {
  CrosstabRow,
  Definition,
  NewAssignment,
  Questionnaire,
  QuestionnaireSummary,
  QuotaFill,
  Results,
  SurveyAssignment,
  SurveyResponse,
  VersionRow,
} from './types';

const enc = encodeURIComponent;
const base = (code: string) => `/questionnaires/${enc(code)}`;

export const questionnairesApi = {
  list: (query: Query) => api.get<Page<QuestionnaireSummary>>('/questionnaires', query),
  get: (code: string) => api.get<Questionnaire>(base(code)),
  versions: async (code: string): Promise<VersionRow[]> => {
    const a = await api.get<VersionRow[] | { items: VersionRow[] }>(`${base(code)}/versions`);
    return Array.isArray(a) ? a : (a?.items ?? []);
  },
  version: (code: string, n: number) => api.get<Questionnaire>(`${base(code)}/versions/${n}`),
  create: (def: Definition) => api.post<Questionnaire>('/questionnaires', def),
  save: (code: string, def: Definition, revision: number) => api.put<Questionnaire>(base(code), { ...def, revision }),
  publish: (code: string, revision: number) => api.post<Questionnaire>(`${base(code)}/actions/publish`, { revision }),
  close: (code: string) => api.post<Questionnaire>(`${base(code)}/actions/close`, {}),
  reopen: (code: string) => api.post<Questionnaire>(`${base(code)}/actions/reopen`, {}),
  quotas: async (code: string): Promise<QuotaFill[]> => {
    const a = await api.get<QuotaFill[] | { items: QuotaFill[] }>(`${base(code)}/quotas`);
    return Array.isArray(a) ? a : (a?.items ?? []);
  },
  assignments: async (code: string): Promise<SurveyAssignment[]> => {
    const a = await api.get<SurveyAssignment[] | { items: SurveyAssignment[] }>(`${base(code)}/assignments`);
    return Array.isArray(a) ? a : (a?.items ?? []);
  },
  assign: (code: string, a: NewAssignment) => api.post<SurveyAssignment>(`${base(code)}/assignments`, a),
  updateAssignment: (code: string, id: number, change: { target: number; mode: 'street' | 'household' }) =>
    api.put<SurveyAssignment>(`${base(code)}/assignments/${id}`, change),
  unassign: (code: string, id: number) => api.del(`${base(code)}/assignments/${id}`),
  responses: (code: string, query: Query) => api.get<Page<SurveyResponse>>(`${base(code)}/responses`, query),
  responsesExportUrl: (code: string, format: 'csv' | 'xlsx', query: Query) =>
    withQuery(`/api${base(code)}/responses/export`, { format, ...query }),
  accept: (id: number, reason: string) => api.post<SurveyResponse>(`/responses/${id}/actions/accept`, { reason }),
  reject: (id: number, reason: string) => api.post<SurveyResponse>(`/responses/${id}/actions/reject`, { reason }),
  results: (code: string, query: Query) => api.get<Results>(`${base(code)}/results`, query),
  crosstab: async (code: string, query: Query): Promise<CrosstabRow[]> =>
    (await api.get<{ rows: CrosstabRow[] }>(`${base(code)}/crosstab`, query)).rows ?? [],
  resultsExportUrl: (code: string, format: 'csv' | 'xlsx', query: Query) =>
    withQuery(`/api${base(code)}/results/export`, { format, ...query }),
};

// The public answering link of a questionnaire, optionally presetting a unit (the QR of 海关社区).
export function publicLink(code: string, unit?: string): string {
  const url = `${window.location.origin}/public/survey/${enc(code)}`;
  return unit ? `${url}?unit=${enc(unit)}` : url;
}
