// The draft document as a tree and its edits: nodes by place key ("0", "0.1", "0.1.2"), the points under a
// node, a suggested code for a new aspect, indicator, item, check or negative-list type (the siblings' pattern
// with the next free number), and adding or removing a child. Pure functions over the document.
import type { EditCheck, EditNode, EditableFramework, NegativeType, NodeLevel, TreeNode } from './types';

export const aspectsOf = (doc: EditableFramework | null): EditNode[] =>
  ((doc?.aspects ?? []) as unknown as EditNode[]) ?? [];

export const negativeListOf = (doc: EditableFramework | null): NegativeType[] =>
  (doc?.negative_list as NegativeType[] | undefined) ?? [];

const LEVELS: NodeLevel[] = ['aspect', 'indicator', 'item'];
const CHILDREN: Record<NodeLevel, 'indicators' | 'items' | null> = {
  aspect: 'indicators',
  indicator: 'items',
  item: null,
};

export function levelOf(key: string): NodeLevel {
  return LEVELS[key.split('.').length - 1];
}

export function childLevel(level: NodeLevel): NodeLevel | null {
  return level === 'aspect' ? 'indicator' : level === 'indicator' ? 'item' : null;
}

// The points under a node: an item's max_score, the sum of its items for an indicator or aspect.
export function pointsOf(node: EditNode, level: NodeLevel): number {
  if (level === 'item') return Number(node.max_score ?? 0) || 0;
  const kids = (level === 'aspect' ? node.indicators : node.items) ?? [];
  return kids.reduce((s, k) => s + pointsOf(k, level === 'aspect' ? 'indicator' : 'item'), 0);
}

// Rounds away binary noise (0.1 + 0.2) for display and comparison.
export const round = (v: number) => Math.round(v * 1e6) / 1e6;

export function totalOf(doc: EditableFramework | null): number {
  return round(aspectsOf(doc).reduce((s, a) => s + pointsOf(a, 'aspect'), 0));
}

export function buildTree(doc: EditableFramework | null, hintCount: (key: string) => number): TreeNode[] {
  const walk = (node: EditNode, key: string, level: NodeLevel): TreeNode => {
    const field = CHILDREN[level];
    const points = round(pointsOf(node, level));
    const kids = field ? (node[field] ?? []) : [];
    const next = childLevel(level);
    return {
      key,
      label: `${node.code} ${node.name ?? ''}`.trim(),
      level,
      node,
      points,
      hints: hintCount(key),
      children: next ? kids.map((k, i) => walk(k, `${key}.${i}`, next)) : undefined,
    };
  };
  return aspectsOf(doc).map((a, i) => walk(a, String(i), 'aspect'));
}

// The node at `key`, or null when the place no longer exists.
export function nodeAt(doc: EditableFramework | null, key: string): EditNode | null {
  const idx = key.split('.').map(Number);
  let list: EditNode[] | undefined = aspectsOf(doc);
  let node: EditNode | null = null;
  for (let depth = 0; depth < idx.length; depth++) {
    node = list?.[idx[depth]] ?? null;
    if (!node) return null;
    list = depth === 0 ? node.indicators : node.items;
  }
  return node;
}

// Every code of the tree's namespace (aspects, indicators, items and checks share one, bundle.md).
export function treeCodes(doc: EditableFramework | null): Set<string> {
  const out = new Set<string>();
  for (const a of aspectsOf(doc)) {
    out.add(a.code);
    for (const i of a.indicators ?? []) {
      out.add(i.code);
      for (const it of i.items ?? []) {
        out.add(it.code);
        for (const c of it.checks ?? []) out.add(c.code);
      }
    }
  }
  return out;
}

// The next code after `siblings` ("A1.1.3" → "A1.1.4", "c2" → "c3"), or `parent + sep + 1` for a first child;
// never one of `taken`.
export function suggestCode(siblings: string[], parent: string, sep: string, taken: Set<string>): string {
  let prefix = parent ? parent + sep : '';
  let n = 0;
  for (const s of siblings) {
    const m = /^(.*?)(\d+)$/.exec(s);
    if (!m) continue;
    if (Number(m[2]) >= n) {
      n = Number(m[2]);
      prefix = m[1];
    }
  }
  if (!siblings.length && !parent) prefix = 'A';
  let code = `${prefix}${n + 1}`;
  while (taken.has(code)) code = `${prefix}${++n + 1}`;
  return code;
}

function blank(level: NodeLevel, code: string): EditNode {
  if (level === 'aspect') return { code, name: '', indicators: [] };
  if (level === 'indicator') return { code, name: '', items: [] };
  return { code, name: '', method: 'field', max_score: 1, lead_unit: '', responsible_units: [], checks: [] };
}

// Adds a new child under `parentKey` (an aspect when null) with a suggested code; answers its key.
export function addChild(doc: EditableFramework, parentKey: string | null): string | null {
  const taken = treeCodes(doc);
  if (parentKey === null) {
    const list = aspectsOf(doc);
    list.push(
      blank(
        'aspect',
        suggestCode(
          list.map((a) => a.code),
          '',
          '',
          taken,
        ),
      ),
    );
    if (!doc.aspects) (doc as Record<string, unknown>).aspects = list;
    return String(list.length - 1);
  }
  const parent = nodeAt(doc, parentKey);
  const level = childLevel(levelOf(parentKey));
  if (!parent || !level) return null;
  const field = level === 'indicator' ? 'indicators' : 'items';
  const list = (parent[field] ??= []);
  list.push(
    blank(
      level,
      suggestCode(
        list.map((n) => n.code),
        parent.code,
        '.',
        taken,
      ),
    ),
  );
  return `${parentKey}.${list.length - 1}`;
}

export function removeNode(doc: EditableFramework, key: string): void {
  const idx = key.split('.').map(Number);
  const last = idx.pop() as number;
  if (!idx.length) {
    aspectsOf(doc).splice(last, 1);
    return;
  }
  const parent = nodeAt(doc, idx.join('.'));
  const list = idx.length === 1 ? parent?.indicators : parent?.items;
  list?.splice(last, 1);
}

export function addCheck(doc: EditableFramework, item: EditNode): EditCheck {
  const checks = (item.checks ??= []);
  const check: EditCheck = {
    code: suggestCode(
      checks.map((c) => c.code),
      item.code,
      '-',
      treeCodes(doc),
    ),
    text: '',
    deduct: 0.5,
    site_types: [],
  };
  checks.push(check);
  return check;
}

export function addNegativeType(doc: EditableFramework): NegativeType {
  const list = negativeListOf(doc);
  const entry: NegativeType = {
    code: suggestCode(
      list.map((e) => e.code),
      'N',
      '',
      new Set(list.map((e) => e.code)),
    ),
    name: '',
    deduct: 1,
    disqualify: false,
  };
  list.push(entry);
  if (!doc.negative_list) doc.negative_list = list;
  return entry;
}

// The grade map (A–D → fraction); the framework's own or, when it states none, the default one.
export const DEFAULT_GRADES: Record<string, number> = { A: 1, B: 0.8, C: 0.6, D: 0 };
