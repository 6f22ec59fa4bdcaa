// Framework drafts as /api/framework-drafts answers them (evidence.md "Framework drafts"), and the draft
// document as the editor changes it (bundle.md `framework`; members the editor does not know are kept).
import type { Framework } from '@/features/evaluation/types';

export interface DraftProblem {
  path: string;
  message: string;
  key: string;
}

export interface FrameworkDraft {
  id: number;
  code: string;
  base_version: number;
  version: number;
  state: 'draft' | 'published';
  published_version: number | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  document?: EditableFramework;
  problems?: DraftProblem[];
}

// The document the editor changes: a framework with the members the editor knows (others kept as they are).
export type EditableFramework = Framework & { max_total?: number; [key: string]: unknown };

export interface EditCheck {
  code: string;
  text: string;
  text_en?: string;
  deduct: number | null;
  site_types?: string[];
  photo_required?: boolean; // a failure needs a photo; absent: true
}

// One aspect, indicator or item of the tree (an item has the members of its method; null: a cleared number).
export interface EditNode {
  code: string;
  name: string;
  name_en?: string;
  method?: string;
  max_score?: number | null;
  lead_unit?: string;
  responsible_units?: string[];
  checks?: EditCheck[];
  question?: string;
  positive?: string[];
  curve?: [number, number][];
  metric?: string;
  computed?: string; // a computed metric: Civic computes the value (framework.md)
  target?: number | null;
  direction?: string;
  floor?: number | null;
  ceiling?: number | null;
  min?: number | null;
  max?: number | null;
  indicators?: EditNode[];
  items?: EditNode[];
}

// A 负面清单 event type: its deduction and whether it disqualifies (一票否决).
export interface NegativeType {
  code: string;
  name: string;
  name_en?: string;
  deduct?: number | null;
  disqualify?: boolean;
}

export type NodeLevel = 'aspect' | 'indicator' | 'item';

// A node of the editor's tree; `key` is its place ("0", "0.1", "0.1.2": aspect, indicator, item indexes),
// which stays put while its code is edited.
export interface TreeNode {
  key: string;
  label: string;
  level: NodeLevel;
  node: EditNode;
  points: number;
  hints: number;
  children?: TreeNode[];
}

export type DiffKind = 'framework' | 'aspect' | 'indicator' | 'item' | 'check' | 'negative';

export interface DiffEntry {
  code: string;
  kind: DiffKind;
  name: string;
}

export interface DraftDiff {
  added: DiffEntry[];
  removed: DiffEntry[];
  changed: { code: string; kind: DiffKind; fields: Record<string, [unknown, unknown]> }[];
}
