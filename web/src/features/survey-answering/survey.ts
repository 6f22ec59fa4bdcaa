// The answering rules the page applies before the server does (docs/questionnaires.md): which questions
// show (show_if, applied through chains: a question whose condition question is hidden is hidden), what is
// missing, the body sent (hidden questions' answers and empty answers dropped), the respondent's device
// token and the client ids. Plain functions: the form and both pages use them.
import { i18n } from '@/shared/i18n';
import type { AnswerUnit, AnswerValue, Answers, LocalText, PublicQuestionnaire, Question } from './types';

// A text in the page's language, falling back to zh-CN.
export function localText(t: LocalText | string | null | undefined): string {
  if (!t) return '';
  if (typeof t === 'string') return t;
  return (i18n.global.locale.value === 'en' && t.en) || t['zh-CN'] || t.en || '';
}

export function unitName(u: AnswerUnit | undefined): string {
  if (!u) return '';
  return i18n.global.locale.value === 'en' && u.name_en ? u.name_en : u.name;
}

export function isAnswered(v: AnswerValue | undefined): boolean {
  if (v === undefined || v === null) return false;
  return Array.isArray(v) ? v.length > 0 : v.trim() !== '';
}

// The codes of the questions shown for these answers, in order.
export function visibleQuestions(questions: Question[], answers: Record<string, AnswerValue>): Question[] {
  const shown = new Set<string>();
  const out: Question[] = [];
  for (const q of questions) {
    const cond = q.show_if;
    let show = true;
    if (cond && cond.question) {
      const v = answers[cond.question];
      const given = v === undefined ? [] : Array.isArray(v) ? v : [v];
      show = shown.has(cond.question) && given.some((a) => cond.answers.indexOf(a) >= 0);
    }
    if (show) {
      shown.add(q.code);
      out.push(q);
    }
  }
  return out;
}

// The unit chain from the top of the answerable units down to `code` (empty when unknown).
export function unitChain(units: AnswerUnit[], code: string): AnswerUnit[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const chain: AnswerUnit[] = [];
  let u = byCode.get(code);
  while (u && chain.length < 20) {
    chain.unshift(u);
    u = u.parent ? byCode.get(u.parent) : undefined;
  }
  return chain;
}

// The units under `parent` (null: the top ones — those whose parent is not answerable).
export function unitChildren(units: AnswerUnit[], parent: string | null): AnswerUnit[] {
  if (parent === null) {
    const codes = new Set(units.map((u) => u.code));
    return units.filter((u) => !u.parent || !codes.has(u.parent));
  }
  return units.filter((u) => u.parent === parent);
}

export type Problems = Record<string, string>;

// What is missing: field the server would name ("unit", "attributes.type", "answers.Q1") → `text(key)` of
// the message key (the form keeps the keys, so a language switch changes the messages too).
export function missing(q: PublicQuestionnaire, a: Answers, text: (key: string) => string): Problems {
  const out: Problems = {};
  if (!a.unit) out.unit = text('surveyForm.pickUnit');
  else if (unitChildren(q.units, a.unit).length > 0) out.unit = text('surveyForm.pickUnitDown');
  for (const attr of q.attributes) {
    if (attr.kind === 'choice' && attr.required && !a.attributes[attr.code]) {
      out[`attributes.${attr.code}`] = text('surveyForm.pickOne');
    }
  }
  for (const question of visibleQuestions(q.questions, a.answers)) {
    if (question.required && !isAnswered(a.answers[question.code])) {
      out[`answers.${question.code}`] = text('surveyForm.required');
    }
  }
  return out;
}

// The answers to send: shown questions only, empty ones left out, texts trimmed.
export function answersToSend(q: PublicQuestionnaire, a: Answers): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const question of visibleQuestions(q.questions, a.answers)) {
    const v = a.answers[question.code];
    if (!isAnswered(v)) continue;
    out[question.code] = Array.isArray(v) ? [...v] : v.trim();
  }
  return out;
}

export function attributesToSend(q: PublicQuestionnaire, a: Answers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const attr of q.attributes) {
    if (attr.kind === 'choice' && a.attributes[attr.code]) out[attr.code] = a.attributes[attr.code];
  }
  return out;
}

// The form field a server error names: "answers.Q1", "answers[Q1]", "answers[\"Q1\"]" → "answers.Q1";
// "attributes.type" likewise; "unit" stays; anything else is not a field of the form (null).
export function formField(field: string | null | undefined): string | null {
  if (!field) return null;
  const m = /^(answers|attributes)(?:\.|\[["']?)([^\]"'.[]+)/.exec(field);
  if (m) return `${m[1]}.${m[2]}`;
  return field === 'unit' ? 'unit' : null;
}

// An ISO time without milliseconds, as the server prints them.
export function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function newClientId(): string {
  const c = globalThis.crypto as Crypto & { randomUUID?: () => string };
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  // Non-secure contexts (plain http) and older web views lack randomUUID: a v4 UUID from getRandomValues.
  const b = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x: number) => (x < 16 ? '0' : '') + x.toString(16)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const DEVICE_KEY = 'civic.survey.device';

// The browser's random device token, made once and kept (the server stores only its hash).
export function deviceToken(): string {
  let token = '';
  try {
    token = localStorage.getItem(DEVICE_KEY) ?? '';
    if (!token) {
      token = newClientId();
      localStorage.setItem(DEVICE_KEY, token);
    }
  } catch {
    // storage refused (private mode in some web views): a token for this page's life
    token = token || newClientId();
  }
  return token;
}

export function emptyAnswers(unit = ''): Answers {
  return { unit, attributes: {}, answers: {}, started_at: '' };
}
