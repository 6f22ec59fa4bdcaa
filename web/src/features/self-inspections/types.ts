// The self-inspection (自查) as GET /api/self-inspections, /api/self-inspections/{id} and its /gaps answer it.
export type SelfInspectionState = 'in_progress' | 'finished';
export type ItemMethod = 'field' | 'survey' | 'statistic' | 'material';

export interface SelfInspectionSummary {
  id: number;
  period: string;
  unit: string;
  unit_name: string;
  state: SelfInspectionState;
  started_by: string;
  started_by_name?: string;
  started_at: string | null;
  finished_at: string | null;
  items_filled: number;
  items_total: number;
  mean_gap: number | null;
  over_optimistic_count: number;
}

// One framework item and the unit's self-assessment of it (filled false: none yet).
export interface SelfInspectionItem {
  item: string;
  name: string;
  name_en: string | null;
  method: ItemMethod;
  max_score: number;
  indicator: string;
  indicator_name: string;
  aspect: string;
  aspect_name: string;
  filled: boolean;
  self_rate: number | null;
  expected: string;
  note: string;
  files: string[];
  file_names: string[];
  updated_at: string | null;
  metric?: string;
  direction?: 'higher' | 'lower';
  target?: number;
  measure?: string | null;
}

export interface SelfInspection extends SelfInspectionSummary {
  items: SelfInspectionItem[];
  grades: string[];
}

export interface GapRow {
  item: string;
  name: string;
  name_en: string | null;
  method: ItemMethod;
  aspect: string;
  aspect_name: string;
  max_score: number;
  self_rate: number;
  measured_rate: number | null;
  gap: number | null;
  over_optimistic: boolean;
}

export interface GapTable {
  id: number;
  period: string;
  unit: string;
  unit_name: string;
  state: SelfInspectionState;
  items: GapRow[];
  mean_gap: number | null;
  over_optimistic_count: number;
  compared: number;
}

// PUT /api/self-inspections/{id}/items/{item}: a rate, or the expected value (statistic) or grade (material).
export interface SelfAssessment {
  self_rate?: number;
  expected?: string;
  note: string;
  files: string[];
}

export interface StoredFile {
  id: string;
  name: string;
}
