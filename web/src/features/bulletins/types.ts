// Bulletins (通报) as the API answers them (docs/bulletins.md).
export type BulletinState = 'draft' | 'approved' | 'published' | 'withdrawn';
export type BulletinKind = 'round' | 'weekly';
export type SectionKey =
  'red_list' | 'black_list' | 'overdue_cases' | 'recurring_problems' | 'units_behind' | 'weakest_items';

export interface BulletinProse {
  opening: string;
  closing: string;
  remarks: Partial<Record<SectionKey, string>>;
}

export interface BulletinSection {
  key: SectionKey;
  rows: Record<string, unknown>[];
  unavailable?: string;
}

export interface Bulletin {
  id: number;
  kind: BulletinKind;
  unit: string;
  unit_name: string;
  period: string;
  round: string | null;
  title: string;
  state: BulletinState;
  version: number;
  drafted_by: string;
  drafted_at: string;
  approved_by: string | null;
  approved_at: string | null;
  published_by: string | null;
  published_at: string | null;
  withdrawn_by: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  prose: BulletinProse;
  allowed_actions: string[];
  sections?: BulletinSection[];
  units?: string[];
  generated_at?: string | null;
}
