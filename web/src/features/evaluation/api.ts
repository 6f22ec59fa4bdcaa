// The evaluation calls: frameworks (the list and one framework as bundle.md has it), a unit's scores for a
// period (the object `civic score --format json` prints); the evidence behind an item is evidence.ts.
import { api, withQuery } from '@/shared/api/client';
import type { Page } from '@/shared/types';
import type { Framework, FrameworkSummary, ScoreReport } from './types';

const enc = encodeURIComponent;

export const evaluationApi = {
  frameworks: async (): Promise<FrameworkSummary[]> =>
    (await api.get<Page<FrameworkSummary>>('/frameworks')).items ?? [],
  framework: (code: string) => api.get<Framework>(`/frameworks/${enc(code)}`),
  scoresExportUrl: (unit: string, period: string, format: 'xlsx' | 'csv') =>
    withQuery('/api/scores/export', { unit, period, format }),
  scores: (unit: string, period: string, weakThreshold?: number) =>
    api.get<ScoreReport>('/scores', { unit, period, weak_threshold: weakThreshold }),
};
