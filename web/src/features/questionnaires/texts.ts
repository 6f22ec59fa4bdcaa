// Small display helpers of the questionnaire pages: a bilingual text in the chosen language (zh-CN when
// there is no English), the tag colour of a state or response status, and an answer as words (the
// option's text, 是/否, the scale point) for the review drawer and exports.
import { i18n } from '@/shared/i18n';
import type { Question, QuestionnaireState, ResponseStatus, Texts } from './types';

export function localText(x: Partial<Texts> | null | undefined): string {
  if (!x) return '';
  return (i18n.global.locale.value === 'en' && x.en) || x['zh-CN'] || x.en || '';
}

type TagType = 'success' | 'info' | 'warning' | 'danger' | 'primary';

export function stateTag(s: QuestionnaireState): TagType {
  return s === 'published' ? 'success' : s === 'closed' ? 'info' : 'warning';
}

export function statusTag(s: ResponseStatus): TagType {
  return s === 'counted' ? 'success' : s === 'rejected' ? 'info' : s === 'flagged' ? 'danger' : 'warning';
}

// One answer code in words.
export function answerWords(q: Question | undefined, code: string): string {
  const { t } = i18n.global;
  if (!q) return code;
  if (q.type === 'yesno') return code === 'yes' || code === 'no' ? t(`questionnaires.answers.${code}`) : code;
  if (q.type === 'scale5') return t('questionnaires.scalePoint', { n: code });
  const o = (q.options ?? []).find((x) => x.code === code);
  return o ? localText(o.text) : code;
}

// A stored answer (text, code or list of codes) in words.
export function answerText(q: Question | undefined, a: string | string[] | undefined): string {
  if (a === undefined || a === null || a === '') return '—';
  if (Array.isArray(a)) return a.map((c) => answerWords(q, c)).join('、');
  if (q?.type === 'text') return a;
  return answerWords(q, a);
}
