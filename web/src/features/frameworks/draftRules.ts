// The draft's rules checked in the browser as one types, before the server answers: the same rules as the
// server's (bundle.md framework rules plus the editor's: points add up to the stated total, a check deducts
// more than 0, negative-list codes unique). Hints only: the server's problems decide whether it publishes.
// Each hint names its place (`key`: a tree node "0.1.2" or "settings"), the field and an i18n message key.
import { aspectsOf, negativeListOf, round, totalOf } from './draftModel';
import type { EditNode, EditableFramework } from './types';

export interface Hint {
  key: string; // tree node key, or "settings"
  code: string; // the node's code (what the list shows)
  field: string; // "code", "max_score", "checks.1.deduct", "curve", "grades.B", "negative.0.code", "total" …
  msg: string; // under drafts.hint
  args?: Record<string, string | number>;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

export function draftHints(doc: EditableFramework | null): Hint[] {
  const out: Hint[] = [];
  if (!doc) return out;
  const seen = new Map<string, string>(); // code → the first place holding it
  const claim = (code: string, key: string, field: string, where: string) => {
    if (blank(code)) {
      out.push({ key, code: where, field, msg: 'codeEmpty' });
      return;
    }
    const first = seen.get(code);
    if (first !== undefined) out.push({ key, code: where, field, msg: 'codeDuplicate', args: { code } });
    else seen.set(code, key);
  };

  aspectsOf(doc).forEach((a, ai) => {
    const ak = String(ai);
    claim(a.code, ak, 'code', a.code);
    (a.indicators ?? []).forEach((ind, ii) => {
      const ik = `${ak}.${ii}`;
      claim(ind.code, ik, 'code', ind.code);
      (ind.items ?? []).forEach((it, ti) => itemHints(it, `${ik}.${ti}`, claim, out));
    });
  });

  settingsHints(doc, out);
  return out;
}

function itemHints(
  it: EditNode,
  key: string,
  claim: (code: string, key: string, field: string, where: string) => void,
  out: Hint[],
) {
  const code = it.code;
  const hint = (field: string, msg: string, args?: Record<string, string | number>) =>
    out.push({ key, code, field, msg, args });
  claim(code, key, 'code', code);
  if (!isNum(it.max_score)) hint('max_score', 'pointsRequired');
  else if (!(it.max_score > 0)) hint('max_score', 'pointsPositive');
  switch (it.method) {
    case 'field':
      (it.checks ?? []).forEach((c, ci) => {
        claim(c.code, key, `checks.${ci}.code`, c.code || code);
        if (!isNum(c.deduct)) hint(`checks.${ci}.deduct`, 'deductRequired', { check: c.code });
        else if (!(c.deduct > 0)) hint(`checks.${ci}.deduct`, 'deductPositive', { check: c.code });
      });
      break;
    case 'survey': {
      if (blank(it.question)) hint('question', 'questionRequired');
      if (it.positive === undefined) hint('positive', 'positiveRequired');
      let last: number | null = null;
      for (const p of it.curve ?? []) {
        if (!Array.isArray(p) || p.length !== 2 || !isNum(p[0]) || !isNum(p[1])) {
          hint('curve', 'curvePair');
          break;
        }
        if (p[1] < 0 || p[1] > 1) {
          hint('curve', 'curveFraction');
          break;
        }
        if (last !== null && !(p[0] > last)) {
          hint('curve', 'curveIncreasing');
          break;
        }
        last = p[0];
      }
      break;
    }
    case 'statistic': {
      if (blank(it.metric)) hint('metric', 'metricRequired');
      if (!isNum(it.target)) {
        hint('target', 'targetRequired');
        break;
      }
      if (isNum(it.min) && isNum(it.max) && !(it.min <= it.max)) hint('max', 'maxBelowMin');
      const lower = it.direction === 'lower';
      const floor = isNum(it.floor) ? it.floor : null;
      const ceiling = isNum(it.ceiling) ? it.ceiling : null;
      if ((!lower || floor !== null) && !((floor ?? 0) < it.target))
        hint(floor !== null ? 'floor' : 'target', 'floorBelowTarget');
      if ((lower || ceiling !== null) && !(it.target < (ceiling ?? 2 * it.target)))
        hint(ceiling !== null ? 'ceiling' : 'target', 'ceilingAboveTarget');
      break;
    }
    case 'material':
      break;
    default:
      hint('method', 'methodUnknown');
  }
}

function settingsHints(doc: EditableFramework, out: Hint[]) {
  const hint = (field: string, msg: string, args?: Record<string, string | number>, code = doc.code) =>
    out.push({ key: 'settings', code, field, msg, args });
  if (doc.max_total !== undefined && doc.max_total !== null) {
    const sum = totalOf(doc);
    if (!isNum(doc.max_total)) hint('total', 'totalRequired');
    else if (round(doc.max_total) !== sum) hint('total', 'totalMismatch', { sum, total: doc.max_total });
  }
  for (const [grade, fraction] of Object.entries(doc.grades ?? {})) {
    if (blank(grade)) hint(`grades.${grade}`, 'gradeEmpty');
    if (!isNum(fraction) || fraction < 0 || fraction > 1) hint(`grades.${grade}`, 'gradeFraction', { grade });
  }
  const codes = new Set<string>();
  negativeListOf(doc).forEach((e, i) => {
    const where = e.code || `#${i + 1}`;
    if (blank(e.code)) hint(`negative.${i}.code`, 'codeEmpty', undefined, where);
    else if (codes.has(e.code)) hint(`negative.${i}.code`, 'codeDuplicate', { code: e.code }, where);
    codes.add(e.code);
    if (isNum(e.deduct) && e.deduct < 0) hint(`negative.${i}.deduct`, 'negativeDeduct', undefined, where);
  });
}

// The hints of one place, by field.
export function hintsByField(hints: Hint[], key: string): Map<string, Hint[]> {
  const out = new Map<string, Hint[]>();
  for (const h of hints) {
    if (h.key !== key) continue;
    const list = out.get(h.field) ?? [];
    list.push(h);
    out.set(h.field, list);
  }
  return out;
}

// How many hints lie at `key` or under it (an aspect counts its indicators' and items').
export function hintsUnder(hints: Hint[], key: string): number {
  return hints.filter((h) => h.key === key || h.key.startsWith(key + '.')).length;
}
