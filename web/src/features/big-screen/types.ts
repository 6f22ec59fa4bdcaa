// GET /api/big-screen (docs/bulletins.md "The big screen").
export interface ScreenScore {
  unit: string;
  unit_name: string;
  total_rate: number | null;
  coverage: number;
  rank: number;
}
export interface ScreenSite {
  code: string;
  name: string;
  type: string;
  unit: string;
  lat: number | null;
  lon: number | null;
  last_result: 'pass' | 'fail' | 'none';
  last_inspected: string | null;
}
export interface CaseFlow {
  reported: number;
  dispatched: number;
  fixed: number;
  overdue: number;
}
export interface BigScreen {
  period: string;
  period_name: string;
  unit: string;
  unit_name: string;
  generated_at: string;
  total_rate: number | null;
  ranking: ScreenScore[];
  trend: { period: string; name: string; total_rate: number | null; children: ScreenScore[] }[];
  sites: ScreenSite[];
  cases: { today: CaseFlow; period: CaseFlow };
  plan: string | null;
  progress: {
    unit: string;
    unit_name: string;
    progress: number | null;
    expected: number | null;
    status: string | null;
  }[];
}
export interface QuestionnaireRate {
  code: string;
  title: string;
  rate: number | null;
  wilson: [number, number] | null;
  n: number;
}
