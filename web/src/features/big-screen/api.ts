// The big screen's calls: its figures, and the questionnaire rates when the questionnaire API exists.
import { api } from '@/shared/api/client';
import type { BigScreen, QuestionnaireRate } from './types';

type QList = { items: { code: string; title: Record<string, string> | string; counted?: number }[] };
type QResults = { rows: { unit: string; n: number; rate: number | null; wilson?: [number, number] }[] };

export const bigScreenApi = {
  get: (period?: string) => api.get<BigScreen>('/big-screen', period ? { period } : {}),
  // null when the server has no questionnaire API (or the caller may not read it): the tile is hidden.
  questionnaires: async (unit: string): Promise<QuestionnaireRate[] | null> => {
    let list: QList;
    try {
      list = await api.get<QList>('/questionnaires', { state: 'published' });
    } catch {
      return null;
    }
    const out: QuestionnaireRate[] = [];
    for (const q of (list.items ?? []).slice(0, 3)) {
      const title = typeof q.title === 'string' ? q.title : (q.title?.['zh-CN'] ?? q.code);
      try {
        const r = await api.get<QResults>(`/questionnaires/${encodeURIComponent(q.code)}/results`, { unit });
        const row = r.rows?.[0];
        out.push({ code: q.code, title, rate: row?.rate ?? null, wilson: row?.wilson ?? null, n: row?.n ?? 0 });
      } catch {
        out.push({ code: q.code, title, rate: null, wilson: null, n: q.counted ?? 0 });
      }
    }
    return out;
  },
};
