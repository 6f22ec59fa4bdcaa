// Shapes of the framework and score answers (api.md, bundle.md).

export interface FrameworkCheck {
  code: string;
  text: string;
  text_en?: string;
  deduct: number;
  site_types?: string[];
}

export interface FrameworkItem {
  code: string;
  name: string;
  name_en?: string;
  max_score: number;
  method: 'field' | 'survey' | 'statistic' | 'material';
  checks?: FrameworkCheck[];
  question?: string;
  metric?: string;
  target?: number;
  direction?: string;
}

export interface FrameworkIndicator {
  code: string;
  name: string;
  name_en?: string;
  items: FrameworkItem[];
}

export interface FrameworkAspect {
  code: string;
  name: string;
  name_en?: string;
  indicators: FrameworkIndicator[];
}

export interface Framework {
  code: string;
  name: string;
  name_en?: string;
  version?: number;
  grades?: Record<string, number>;
  aspects: FrameworkAspect[];
}

export interface FrameworkSummary {
  code: string;
  name: string;
  name_en?: string;
  version?: number;
}

export interface ItemScore {
  code: string;
  method: string;
  max_score: number;
  assessed: boolean;
  score: number | null;
  rate: number | null;
  n: number;
  [extra: string]: unknown;
}

export interface IndicatorScore {
  code: string;
  score: number;
  assessed_max: number;
  rate: number | null;
  items: ItemScore[];
}

export interface AspectScore {
  code: string;
  score: number;
  assessed_max: number;
  rate: number | null;
  indicators: IndicatorScore[];
}

export interface WeakItem {
  code: string;
  score: number;
  max_score: number;
  rate: number;
  lost: number;
}

export interface RankingRow {
  rank: number;
  unit: string;
  total: number;
  total_rate: number | null;
  coverage: number;
  disqualified: boolean;
}

export interface ScoreReport {
  unit: string;
  period: string;
  score: number;
  assessed_max: number;
  rate: number | null;
  coverage: number;
  penalty: number;
  total: number;
  total_rate: number | null;
  disqualified: boolean;
  aspects: AspectScore[];
  weak_items: WeakItem[];
  ranking: RankingRow[];
  // The unit's place in its parent's ranking (null for the root or an unassessed unit).
  sibling_rank?: { rank: number; of: number; parent: string } | null;
}
