// The answering pages' calls: the published questionnaire and the public submission (no sign-in; the
// device token rides in X-Device-Token), the interviewer's assignments and submission (signed in).
import { api } from '@/shared/api/client';
import type { InterviewReceipt, PublicQuestionnaire, PublicReceipt, ResponseBody, SurveyAssignment } from './types';

const enc = encodeURIComponent;

export const surveyApi = {
  questionnaire: (code: string, unit?: string) =>
    api.get<PublicQuestionnaire>(`/public/questionnaires/${enc(code)}`, { unit }),
  submitPublic: (code: string, body: ResponseBody, deviceToken: string) =>
    api.post<PublicReceipt>(`/public/questionnaires/${enc(code)}/responses`, body, {
      headers: { 'X-Device-Token': deviceToken },
    }),
  assignments: () => api.get<SurveyAssignment[] | { items: SurveyAssignment[] }>('/my/survey-assignments'),
  submitInterview: (body: ResponseBody) => api.post<InterviewReceipt>('/responses', body),
};

// The assignments as a list, whether the server sends an array or a page.
export async function myAssignments(): Promise<SurveyAssignment[]> {
  const answer = await surveyApi.assignments();
  return Array.isArray(answer) ? answer : (answer.items ?? []);
}
