// A period as GET /api/periods answers it (evidence.md "Periods").
export interface PeriodRow {
  code: string;
  name: string;
  start: string;
  end: string;
  state: 'open' | 'closed';
  closed_at: string | null;
  closed_by: string | null;
  framework: { code: string; version: number };
}

export interface NewPeriod {
  code: string;
  name: string;
  start: string;
  end: string;
  framework: string;
  version?: number;
}
