// The answering pages' view of a questionnaire and of a response (docs/questionnaires.md): the published
// version the public GET gives (`items` not shown), the response body both the public route and the
// interviewers' route take, and an interviewer's assignment.

// A text in both languages; en may be missing (the page falls back to zh-CN).
export interface LocalText {
  'zh-CN': string;
  en?: string;
}

export interface Option {
  code: string;
  text: LocalText;
}

export interface Attribute {
  code: string;
  kind: 'unit' | 'choice';
  text: LocalText;
  required?: boolean;
  options?: Option[];
}

export type QuestionType = 'single' | 'multiple' | 'scale5' | 'yesno' | 'text';

export interface Question {
  code: string;
  type: QuestionType;
  text: LocalText;
  options?: Option[];
  required: boolean;
  show_if?: { question: string; answers: string[] } | null;
}

// An answerable unit: the questionnaire's units and their descendants down to communities.
export interface AnswerUnit {
  code: string;
  name: string;
  name_en?: string;
  parent: string | null;
  level?: string;
}

export interface PublicQuestionnaire {
  code: string;
  version: number;
  title: LocalText;
  intro?: LocalText | null;
  attributes: Attribute[];
  questions: Question[];
  preset_unit: string | null;
  units: AnswerUnit[];
}

export type AnswerValue = string | string[];

// What the respondent filled in (the form's model).
export interface Answers {
  unit: string;
  attributes: Record<string, string>;
  answers: Record<string, AnswerValue>;
  started_at: string;
}

export interface ResponseBody {
  questionnaire?: string;
  version: number;
  client_id: string;
  unit: string;
  attributes: Record<string, string>;
  answers: Record<string, AnswerValue>;
  started_at: string;
  // Interviewers only:
  submitted_at?: string;
  lat?: number;
  lon?: number;
  assignment?: number;
}

export interface PublicReceipt {
  id: number | string;
  received: boolean;
}

export interface InterviewReceipt {
  id: number | string;
  status: string;
}

export interface SurveyAssignment {
  id: number;
  questionnaire: string;
  title: LocalText | string;
  version: number;
  unit: string;
  unit_name?: string;
  target: number;
  done: number;
  mode: 'street' | 'household';
}
