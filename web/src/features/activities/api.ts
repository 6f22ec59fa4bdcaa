// The activity calls (participation.md "Activities", docs/activities.md): the list with its export, calendar
// and report, one activity with its sign-ups and service records, the organiser's decisions and corrections,
// the 文明实践 stations, the phone's sign-up / check-in / check-out, and the service certificate (issued as a
// PDF in the console, verified on a public page).
import { api, ApiError, withQuery, type Query } from '@/shared/api/client';
import type { Paging } from '@/shared/composables/usePagedList';
import type { Page } from '@/shared/types';
import type {
  Activity,
  ActivityDetail,
  ActivityEdit,
  ActivityInput,
  ActivityReport,
  ActivitySignup,
  IssuedCertificate,
  PracticeStation,
  PracticeStationInput,
  PublicCheck,
  ServiceRecord,
  VerifiedCertificate,
} from './types';

const enc = encodeURIComponent;

export type RecordDecision = 'approve' | 'reject' | 'confirm';

export const activitiesApi = {
  exportUrl: (query: Query, format: 'xlsx' | 'csv') => withQuery('/api/activities/export', { ...query, format }),
  list: (query: Query, paging?: Partial<Paging>) => api.get<Page<Activity>>('/activities', { ...query, ...paging }),
  get: (code: string) => api.get<ActivityDetail>(`/activities/${enc(code)}`),
  create: (body: ActivityInput) => api.post<Activity>('/activities', body),
  update: (code: string, body: ActivityEdit) => api.put<Activity>(`/activities/${enc(code)}`, body),
  cancel: (code: string, version: number, reason: string) =>
    api.post<Activity>(`/activities/${enc(code)}/actions/cancel`, { version, reason }),
  // The national volunteer sheet (全国志愿服务信息系统 import layout, ID numbers in full; the office only, audited).
  nationalSheetUrl: (query: { period: string; unit?: string }) =>
    withQuery('/api/service-records/export', { ...query, format: 'xlsx' }),
  report: (query: { unit?: string; period: string }) => api.get<ActivityReport>('/activities/report', query),
  signUp: (code: string, volunteer: string) =>
    api.post<ActivityDetail>(`/activities/${enc(code)}/actions/sign-up`, { volunteer }),
  checkIn: (code: string, volunteer: string) =>
    api.post<ServiceRecord>(`/activities/${enc(code)}/actions/check-in`, { volunteer }),
  checkOut: (code: string, volunteer: string) =>
    api.post<ServiceRecord>(`/activities/${enc(code)}/actions/check-out`, { volunteer }),
  decide: (code: string, records: number[], decision: RecordDecision, reason?: string) =>
    api.post<{ records: ServiceRecord[] }>(`/activities/${enc(code)}/actions/approve-records`, {
      records,
      decision,
      reason,
    }),
  correct: (id: number, body: { check_in: string; check_out: string; reason: string }) =>
    api.post<ServiceRecord>(`/service-records/${id}/actions/correct`, body),
};

export const stationsApi = {
  list: (query: { unit?: string; period?: string } = {}) => api.get<PracticeStation[]>('/practice-stations', query),
  create: (body: PracticeStationInput) => api.post<PracticeStation>('/practice-stations', body),
};

const publicOpts = { expectUnauthenticated: true };

export const publicActivitiesApi = {
  signUp: (code: string, body: PublicCheck) =>
    api.post<ActivitySignup>(`/public/activities/${enc(code)}/sign-up`, body, publicOpts),
  checkIn: (code: string, body: PublicCheck) =>
    api.post<ServiceRecord>(`/public/activities/${enc(code)}/check-in`, body, publicOpts),
  checkOut: (code: string, body: PublicCheck) =>
    api.post<ServiceRecord>(`/public/activities/${enc(code)}/check-out`, body, publicOpts),
  verifyCertificate: (verificationCode: string) =>
    api.get<VerifiedCertificate>(`/public/certificates/${enc(verificationCode)}`, undefined, publicOpts),
};

// The public page a QR code at the activity opens (PublicActivityView).
export function checkInLink(code: string, token: string): string {
  return `${window.location.origin}/public/activity/${enc(code)}?t=${enc(token)}`;
}

// The public page that verifies a certificate (PublicCertificateView).
export function verifyLink(verificationCode: string): string {
  return `${window.location.origin}/public/certificate/${enc(verificationCode)}`;
}

// Issues a volunteer's service certificate (GET /api/volunteers/{code}/certificate?format=pdf, audited) and
// saves the PDF; answers the verification code and hours the server put in the answer's headers. Fetched
// rather than linked so that the page can show the verification code it was issued with.
export async function downloadCertificate(volunteer: string): Promise<IssuedCertificate> {
  let res: Response;
  try {
    res = await fetch(`/api/volunteers/${enc(volunteer)}/certificate?format=pdf`, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { code: 'network', message: 'The server cannot be reached' });
  }
  if (!res.ok) {
    let detail: { code?: string; message?: string; key?: string; args?: Record<string, unknown>; field?: string } = {};
    try {
      detail = ((await res.json()) as { error?: typeof detail }).error ?? {};
    } catch {
      // not JSON
    }
    throw new ApiError(res.status, {
      code: detail.code ?? `http_${res.status}`,
      message: detail.message ?? res.statusText,
      key: detail.key,
      args: detail.args,
      field: detail.field,
    });
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `certificate-${volunteer}.pdf`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return {
    verification_code: res.headers.get('X-Verification-Code') ?? '',
    hours: Number(res.headers.get('X-Certified-Hours') ?? 0),
  };
}
