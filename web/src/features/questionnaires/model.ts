// The builder's document: a blank questionnaire, question, attribute and option; the options a question
// answers with (scale5 "1".."5", yesno "yes"/"no", single/multiple its own); the framework's survey items
// (code, name, question code, positive answers, curve) read from the framework in force; and the document
// cleaned for sending (en texts left out when empty, options only where the type has them).
import { evaluationApi } from '@/features/evaluation/api';
import type { Attribute, Definition, Option, Question, QuestionType, Texts } from './types';

export interface SurveyItem {
  code: string;
  name: string;
  name_en?: string;
  question: string;
  positive: string[];
  curve: [number, number][];
  // The framework's wording of the question, when it has one (text and options).
  template?: FrameworkQuestion;
}

export interface FrameworkQuestion {
  code: string;
  text: string;
  text_en?: string;
  options: { value: string; label: string; label_en?: string }[];
}

export const blankTexts = (zh = '', en = ''): Texts => ({ 'zh-CN': zh, en });

export function blankDefinition(): Definition {
  return {
    code: '',
    title: blankTexts(),
    intro: blankTexts(),
    units: [],
    attributes: [{ code: 'unit', kind: 'unit', text: blankTexts('您所在的社区', 'Your community') }],
    questions: [],
    quotas: [],
    min_n: 30,
  };
}

export function blankOption(code = ''): Option {
  return { code, text: blankTexts() };
}

export function blankAttribute(n: number): Attribute {
  return {
    code: `attr${n}`,
    kind: 'choice',
    text: blankTexts(),
    required: true,
    options: [blankOption(), blankOption()],
  };
}

export function blankQuestion(n: number): Question {
  return {
    code: `Q${n}`,
    type: 'single',
    text: blankTexts(),
    options: [blankOption('a'), blankOption('b')],
    required: true,
    show_if: null,
    items: [],
  };
}

export const hasOwnOptions = (t: QuestionType) => t === 'single' || t === 'multiple';

// The answer codes a question accepts (for show_if and positive answers): its options, or the fixed ones.
export function answerCodes(q: Question): string[] {
  if (q.type === 'scale5') return ['1', '2', '3', '4', '5'];
  if (q.type === 'yesno') return ['yes', 'no'];
  if (hasOwnOptions(q.type)) return (q.options ?? []).map((o) => o.code);
  return [];
}

// The question worded as the framework words it: its code, texts, options (a 1–5 scale when the options are
// "1".."5", yes/no when they are "yes"/"no", else single choice). Keeps the question's other settings.
export function applyTemplate(q: Question, item: SurveyItem): void {
  q.code = item.question;
  const tpl = item.template;
  if (!tpl) return;
  q.text = blankTexts(tpl.text, tpl.text_en ?? '');
  const values = tpl.options.map((o) => o.value).join(',');
  if (values === '1,2,3,4,5' || values === '5,4,3,2,1') {
    q.type = 'scale5';
    q.options = [];
  } else if (values === 'yes,no' || values === 'no,yes') {
    q.type = 'yesno';
    q.options = [];
  } else {
    q.type = 'single';
    q.options = tpl.options.map((o) => ({ code: o.value, text: blankTexts(o.label, o.label_en ?? '') }));
  }
}

// Normalizes what the server sent into the builder's shape (missing lists and texts filled in).
export function fromServer(d: Partial<Definition>): Definition {
  const t = (x: Partial<Texts> | undefined): Texts => ({ 'zh-CN': x?.['zh-CN'] ?? '', en: x?.en ?? '' });
  const opts = (o: Option[] | undefined) => (o ?? []).map((x) => ({ code: x.code, text: t(x.text) }));
  return {
    code: d.code ?? '',
    title: t(d.title),
    intro: t(d.intro),
    units: [...(d.units ?? [])],
    attributes: (d.attributes ?? []).map((a) => ({
      code: a.code,
      kind: a.kind,
      text: t(a.text),
      required: a.required ?? true,
      options: a.kind === 'choice' ? opts(a.options) : undefined,
    })),
    questions: (d.questions ?? []).map((q) => ({
      code: q.code,
      type: q.type,
      text: t(q.text),
      options: hasOwnOptions(q.type) ? opts(q.options) : [],
      required: q.required ?? false,
      show_if: q.show_if ? { question: q.show_if.question, answers: [...q.show_if.answers] } : null,
      items: [...(q.items ?? [])],
    })),
    quotas: (d.quotas ?? []).map((x) => ({ stratum: { ...x.stratum }, target: x.target })),
    min_n: d.min_n ?? 30,
  };
}

function cleanTexts(x: Texts): Texts {
  const out: Texts = { 'zh-CN': x['zh-CN'].trim() };
  if (x.en?.trim()) out.en = x.en.trim();
  return out;
}

// The document as the server takes it.
export function toServer(d: Definition): Definition {
  const opts = (o: Option[] | undefined) => (o ?? []).map((x) => ({ code: x.code.trim(), text: cleanTexts(x.text) }));
  return {
    code: d.code.trim(),
    title: cleanTexts(d.title),
    intro: cleanTexts(d.intro),
    units: d.units,
    attributes: d.attributes.map((a) =>
      a.kind === 'unit'
        ? { code: a.code.trim(), kind: 'unit', text: cleanTexts(a.text) }
        : {
            code: a.code.trim(),
            kind: 'choice',
            text: cleanTexts(a.text),
            required: !!a.required,
            options: opts(a.options),
          },
    ),
    questions: d.questions.map((q) => ({
      code: q.code.trim(),
      type: q.type,
      text: cleanTexts(q.text),
      ...(hasOwnOptions(q.type) ? { options: opts(q.options) } : {}),
      required: q.required,
      show_if: q.show_if && q.show_if.question ? q.show_if : null,
      items: q.items,
    })),
    quotas: d.quotas,
    min_n: d.min_n,
  };
}

// The framework's survey items, by code (empty when the framework cannot be read).
export async function loadSurveyItems(): Promise<Record<string, SurveyItem>> {
  const out: Record<string, SurveyItem> = {};
  try {
    const code = (await evaluationApi.frameworks())[0]?.code;
    if (!code) return out;
    const f = await evaluationApi.framework(code);
    const questions = new Map(
      ((f as unknown as { questions?: FrameworkQuestion[] }).questions ?? []).map((q) => [q.code, q]),
    );
    for (const a of f.aspects ?? [])
      for (const ind of a.indicators ?? [])
        for (const it of ind.items ?? []) {
          if (it.method !== 'survey') continue;
          const raw = it as typeof it & { positive?: string[]; curve?: [number, number][] };
          out[it.code] = {
            code: it.code,
            name: it.name,
            name_en: it.name_en,
            question: it.question ?? '',
            positive: raw.positive ?? [],
            curve: raw.curve ?? [],
            template: questions.get(it.question ?? ''),
          };
        }
  } catch {
    // the builder then offers no items
  }
  return out;
}
