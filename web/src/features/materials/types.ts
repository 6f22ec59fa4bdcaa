// The material submission (材料申报) as GET /api/materials and /api/materials/{id} answer it.
export type MaterialState = 'draft' | 'submitted' | 'graded' | 'returned';

export interface MaterialGradeVersion {
  seq: number;
  grade: string;
  comment: string;
  reviewer: string;
  reviewer_name?: string;
  graded_at: string;
}

export interface MaterialEvent {
  actor: string;
  actor_name?: string;
  action: string;
  reason: string;
  at: string;
}

export interface MaterialSubmission {
  id: number;
  period: string;
  item: string;
  item_name: string;
  unit: string;
  unit_name: string;
  description: string;
  state: MaterialState;
  version: number;
  submitted_by: string | null;
  submitted_at: string | null;
  return_reason: string;
  grade: string | null;
  files: string[];
  grades?: MaterialGradeVersion[];
  events?: MaterialEvent[];
}

export interface StoredFile {
  id: string;
}

// One row of GET /api/materials/status: unit codes per state.
export interface MaterialStatusRow {
  item: string;
  name: string;
  must: string[];
  submitted: string[];
  graded: string[];
  returned: string[];
  missing: string[];
}
