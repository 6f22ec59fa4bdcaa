// What the interviewer's pages keep on the device to open without a network: the last assignment list and
// each assignment's questionnaire as last loaded. A failed load falls back to these copies.
import type { PublicQuestionnaire, SurveyAssignment } from './types';

const LIST = 'civic.survey.assignments';
const DEF = 'civic.survey.definition.';

function get<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}
function put(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or refused: the page works online without the copy
  }
}

export const keptAssignments = () => get<SurveyAssignment[]>(LIST);
export const keepAssignments = (list: SurveyAssignment[]) => put(LIST, list);
export const keptDefinition = (code: string, unit: string) => get<PublicQuestionnaire>(`${DEF}${code}|${unit}`);
export const keepDefinition = (code: string, unit: string, q: PublicQuestionnaire) => put(`${DEF}${code}|${unit}`, q);
