// The evidence behind one item's score as people read it: GET /api/scores/items/{code} (the engine's
// explanation, codes only) joined with what the other features hold — per inspection its site name,
// inspector, photos and the cases it opened (GET /api/inspections/{code}); survey strata with unit names;
// the approved statistic value's source; the graded material submission with reviewer and documents.
// A part the caller may not read (403/404) is left out; the explanation alone still shows.
import { api } from '@/shared/api/client';
import { unitsApi } from '@/shared/api/units';
import type { Page, Unit } from '@/shared/types';

const enc = encodeURIComponent;

export interface FailedCheck {
  check: string;
  failures: number;
  deduct: number;
  deduction: number;
}

export interface ExplainedInspection {
  id: string; // the inspection's code
  site: string;
  site_type: string;
  date: string;
  score: number;
  failed: FailedCheck[];
}

export interface Stratum {
  unit: string;
  n: number;
  k: number;
  rate: number | null;
  population: number;
  weight: number;
}

export interface ItemExplanation {
  unit: string;
  period: string | null;
  item: string;
  name: string;
  name_en: string | null;
  method: 'field' | 'survey' | 'statistic' | 'material';
  max_score: number;
  assessed: boolean;
  score: number | null;
  rate: number | null;
  n: number;
  inspections?: ExplainedInspection[];
  k?: number;
  response_rate?: number;
  response_rate_unweighted?: number;
  ci_low?: number;
  ci_high?: number;
  post_stratified?: boolean;
  strata?: Stratum[];
  question?: string;
  positive?: string[];
  metric?: string;
  computed?: string;
  value?: number | null;
  target?: number;
  direction?: 'higher' | 'lower';
  floor?: number;
  ceiling?: number;
  grade?: string | null;
  fraction?: number | null;
}

// What GET /api/inspections/{code} adds to one explained inspection.
export interface InspectionDetail {
  code: string;
  site_name: string;
  inspector: string | null;
  inspector_name: string | null;
  inspected_on: string;
  round: string | null;
  results: { check: string; failures: number | null; note: string; photos: string[] }[];
  cases: string[];
}

export interface StatisticSource {
  state: string;
  value: number | null;
  note: string;
  source_file: string | null;
  reported_by: string;
  decided_by: string;
  decided_at: string | null;
  department_name: string;
  measure: string | null;
  explanation: string;
  computed: string | null;
}

export interface MaterialSource {
  id: number;
  state: string;
  description: string;
  files: string[];
  grades?: { seq: number; grade: string; comment: string; reviewer: string; graded_at: string }[];
}

// The Wilson 95% interval of k of n (scoring.md §3.2, z = 1.959963984540054); null when n is 0.
export function wilson(k: number, n: number): [number, number] | null {
  if (!(n > 0)) return null;
  const z = 1.959963984540054;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch {
    return null;
  }
}

export const evidenceApi = {
  explanation: (item: string, unit: string, period: string) =>
    api.get<ItemExplanation>(`/scores/items/${enc(item)}`, { unit, period }),
  inspection: (code: string) => orNull(api.get<InspectionDetail>(`/inspections/${enc(code)}`)),
  // The names of a unit's children (survey strata are the unit's communities or the unit itself).
  async unitNames(unit: string): Promise<Record<string, Unit>> {
    const out: Record<string, Unit> = {};
    const self = await orNull(unitsApi.get(unit));
    if (self) out[self.code] = self;
    const page = await orNull(unitsApi.children(unit, { page_size: 200 }));
    for (const u of page?.items ?? []) out[u.code] = u;
    return out;
  },
  async statistic(period: string, unit: string, metric: string): Promise<StatisticSource | null> {
    const page = await orNull(
      api.get<Page<StatisticSource & { unit: string }>>('/statistics', { period, unit, metric }),
    );
    return page?.items?.find((s) => s.unit === unit) ?? null;
  },
  async material(period: string, item: string, unit: string): Promise<MaterialSource | null> {
    const page = await orNull(api.get<Page<MaterialSource & { unit: string }>>('/materials', { period, item, unit }));
    const m = page?.items?.find((s) => s.unit === unit);
    return m ? ((await orNull(api.get<MaterialSource>(`/materials/${m.id}`))) ?? m) : null;
  },
};
