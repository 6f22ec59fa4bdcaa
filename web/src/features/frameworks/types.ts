// Framework drafts as /api/framework-drafts answers them (evidence.md "Framework drafts").
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

export interface DiffEntry {
  code: string;
  kind: 'aspect' | 'indicator' | 'item' | 'check';
  name: string;
}

export interface DraftDiff {
  added: DiffEntry[];
  removed: DiffEntry[];
  changed: { code: string; kind: string; fields: Record<string, [unknown, unknown]> }[];
}
