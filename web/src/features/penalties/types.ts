// Negative-list events as GET /api/penalties answers them (evidence.md "Negative-list events").
export interface Penalty {
  id: number;
  period: string;
  unit: string;
  unit_name: string;
  type: string;
  type_name: string;
  type_name_en: string | null;
  deduct: number;
  disqualify: boolean;
  date: string | null;
  description: string;
  files: string[];
  state: 'recorded' | 'withdrawn';
  recorded_by: string;
  recorded_at: string | null;
  withdrawn_reason: string;
  withdrawn_by: string;
  withdrawn_at: string | null;
}

// A type of the framework's negative list.
export interface NegativeListType {
  code: string;
  name: string;
  name_en?: string;
  deduct: number;
  disqualify: boolean;
}
