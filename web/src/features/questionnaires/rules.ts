// The builder's checks, the same rules the server applies (docs/questionnaires.md "Rules"), as the office
// types: each problem names the JSON path the server would name ("questions[2].options[0].code") and a
// message key under questionnaires.rule. The server still decides; its 400 shows at the path it names.
import { answerCodes, hasOwnOptions, type SurveyItem } from './model';
import type { Definition, Option } from './types';

export interface Problem {
  path: string;
  msg: string;
  args?: Record<string, string | number>;
}

const CODE = /^[A-Za-z0-9_.-]{1,40}$/;
const blank = (s: string | undefined) => !s || s.trim() === '';
const ITEM_TYPES = ['single', 'scale5', 'yesno'];

export function check(d: Definition, items: Record<string, SurveyItem>, creating: boolean): Problem[] {
  const out: Problem[] = [];
  const p = (path: string, msg: string, args?: Record<string, string | number>) => out.push({ path, msg, args });

  if (creating && !CODE.test(d.code.trim())) p('code', 'code');
  if (blank(d.title['zh-CN'])) p('title', 'zhRequired');
  if (d.units.length === 0) p('units', 'unitsRequired');
  if (!Number.isInteger(d.min_n) || d.min_n < 1) p('min_n', 'minN');

  const options = (list: Option[] | undefined, at: string, min: number) => {
    const seen = new Set<string>();
    if ((list ?? []).length < min) p(`${at}.options`, 'optionsMin', { n: min });
    (list ?? []).forEach((o, i) => {
      const code = o.code.trim();
      if (!CODE.test(code)) p(`${at}.options[${i}].code`, 'code');
      else if (seen.has(code)) p(`${at}.options[${i}].code`, 'duplicate', { code });
      seen.add(code);
      if (blank(o.text['zh-CN'])) p(`${at}.options[${i}].text`, 'zhRequired');
    });
  };

  const attrCodes = new Set<string>();
  if (d.attributes.filter((a) => a.kind === 'unit').length !== 1 || d.attributes[0]?.kind !== 'unit')
    p('attributes', 'unitFirst');
  d.attributes.forEach((a, i) => {
    const at = `attributes[${i}]`;
    const code = a.code.trim();
    if (!CODE.test(code)) p(`${at}.code`, 'code');
    else if (attrCodes.has(code)) p(`${at}.code`, 'duplicate', { code });
    attrCodes.add(code);
    if (blank(a.text['zh-CN'])) p(`${at}.text`, 'zhRequired');
    if (a.kind === 'choice') options(a.options, at, 2);
  });

  if (d.questions.length === 0) p('questions', 'questionsRequired');
  const qCodes = new Set<string>();
  d.questions.forEach((q, i) => {
    const at = `questions[${i}]`;
    const code = q.code.trim();
    if (!CODE.test(code)) p(`${at}.code`, 'code');
    else if (qCodes.has(code)) p(`${at}.code`, 'duplicate', { code });
    if (blank(q.text['zh-CN'])) p(`${at}.text`, 'zhRequired');
    if (hasOwnOptions(q.type)) options(q.options, at, 2);
    if (q.show_if && q.show_if.question) {
      const j = d.questions.findIndex((x) => x.code.trim() === q.show_if?.question);
      if (j < 0 || j >= i) p(`${at}.show_if.question`, 'showIfEarlier');
      else if (d.questions[j].type === 'text') p(`${at}.show_if.question`, 'showIfText');
      else {
        const allowed = answerCodes(d.questions[j]);
        if (q.show_if.answers.length === 0) p(`${at}.show_if.answers`, 'showIfAnswers');
        q.show_if.answers.forEach((a, k) => {
          if (!allowed.includes(a)) p(`${at}.show_if.answers[${k}]`, 'showIfAnswer', { answer: a });
        });
      }
    }
    q.items.forEach((code, k) => {
      const it = items[code];
      if (!it) p(`${at}.items[${k}]`, 'itemUnknown', { item: code });
      else {
        if (it.question !== q.code.trim())
          p(`${at}.items[${k}]`, 'itemQuestion', { item: code, question: it.question });
        if (!ITEM_TYPES.includes(q.type)) p(`${at}.items[${k}]`, 'itemType');
      }
    });
    qCodes.add(code);
  });

  d.quotas.forEach((x, i) => {
    const at = `quotas[${i}]`;
    if (!x.stratum.unit) p(`${at}.stratum.unit`, 'quotaUnit');
    for (const [attr, option] of Object.entries(x.stratum)) {
      if (attr === 'unit') continue;
      const a = d.attributes.find((y) => y.code === attr);
      if (!a || a.kind !== 'choice') p(`${at}.stratum.${attr}`, 'quotaAttribute', { attribute: attr });
      else if (!(a.options ?? []).some((o) => o.code === option)) p(`${at}.stratum.${attr}`, 'quotaOption');
    }
    if (!Number.isInteger(x.target) || x.target < 1) p(`${at}.target`, 'target');
  });
  return out;
}

// Which builder tab holds a path.
export function tabOf(path: string): 'basic' | 'attributes' | 'questions' | 'quotas' {
  if (path.startsWith('attributes')) return 'attributes';
  if (path.startsWith('questions')) return 'questions';
  if (path.startsWith('quotas')) return 'quotas';
  return 'basic';
}

// The message shown at `path`: a problem at the path itself (the server's first, then the browser's).
export function problemAt(problems: Problem[], path: string): Problem | undefined {
  return problems.find((x) => x.path === path);
}
