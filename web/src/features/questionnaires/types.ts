// Questionnaires as /api/questionnaires answers them (docs/questionnaires.md, surveys.md): the definition the
// builder edits, the list row, versions, quotas with their fill, raw responses with flags and review, and the
// results (per unit n, k, rates and the Wilson interval) and crosstabs.

export type Texts = { 'zh-CN': string; en?: string };
export type QuestionnaireState = 'draft' | 'published' | 'closed';
export type QuestionType = 'single' | 'multiple' | 'scale5' | 'yesno' | 'text';
export const QUESTION_TYPES: QuestionType[] = ['single', 'multiple', 'scale5', 'yesno', 'text'];

export interface Option {
  code: string;
  text: Texts;
}

export interface Attribute {
  code: string;
  kind: 'unit' | 'choice';
  text: Texts;
  required?: boolean;
  options?: Option[];
}

export interface ShowIf {
  question: string;
  answers: string[];
}

export interface Question {
  code: string;
  type: QuestionType;
  text: Texts;
  options?: Option[];
  required: boolean;
  show_if: ShowIf | null;
  items: string[];
}

export interface Quota {
  stratum: Record<string, string>; // {unit, <attribute>: option}
  target: number;
}

// The definition as the builder sends it (PUT/POST; POST carries `code`, PUT `revision`).
export interface Definition {
  code: string;
  title: Texts;
  intro: Texts;
  units: string[];
  attributes: Attribute[];
  questions: Question[];
  quotas: Quota[];
  min_n: number;
}

export interface Questionnaire extends Definition {
  state: QuestionnaireState;
  version: number;
  published_version: number;
  has_draft: boolean;
  revision: number;
  updated_at: string;
  updated_by: string;
}

export interface QuestionnaireSummary {
  code: string;
  title: Texts;
  state: QuestionnaireState;
  published_version: number;
  has_draft: boolean;
  units: string[];
  responses: number;
  counted: number;
  flagged: number;
  updated_at: string;
}

export interface VersionRow {
  version: number;
  published_at: string;
  published_by: string;
  responses: number;
}

export interface QuotaFill {
  stratum: Record<string, string> & { unit: string; unit_name?: string };
  target: number;
  counted: number;
  over_quota: number;
  flagged: number;
  fill: number;
}

export type ResponseStatus = 'counted' | 'flagged' | 'over_quota' | 'rejected';
export const RESPONSE_STATUSES: ResponseStatus[] = ['counted', 'flagged', 'over_quota', 'rejected'];
export type Flag = 'duplicate_device' | 'straight_lining' | 'speeding';
export const FLAGS: Flag[] = ['duplicate_device', 'straight_lining', 'speeding'];

export interface Review {
  decision: 'accept' | 'reject';
  reason: string;
  by: string;
  at: string;
}

export interface SurveyResponse {
  id: number;
  version: number;
  unit: string;
  unit_name: string;
  attributes: Record<string, string>;
  answers: Record<string, string | string[]>;
  mode: 'public' | 'interview';
  interviewer: string | null;
  started_at: string | null;
  submitted_at: string;
  duration_seconds: number | null;
  flags: Flag[];
  status: ResponseStatus;
  review: Review | null;
}

export interface ResultRow {
  unit: string;
  unit_name: string;
  n: number;
  k: number;
  rate: number | null;
  weighted_rate: number | null;
  wilson: [number, number] | null;
  ranked: boolean;
}

export interface Results {
  questionnaire: string;
  question: string;
  item: string | null;
  positive: string[];
  min_n: number;
  rows: ResultRow[];
}

export interface CrosstabRow {
  option: string;
  n: number;
  k: number;
  rate: number | null;
}

// An interviewer assignment (GET /api/questionnaires/{code}/assignments).
export interface SurveyAssignment {
  id: number;
  questionnaire: string;
  version: number;
  interviewer: string;
  unit: string;
  unit_name?: string;
  target: number;
  done: number;
  mode: 'street' | 'household';
}

export interface NewAssignment {
  interviewer: string;
  unit: string;
  target: number;
  mode: 'street' | 'household';
}

// A user who may interview (an inspector or an office user), from GET /api/users.
export interface Interviewer {
  username: string;
  display_name?: string;
  roles?: string[];
}
