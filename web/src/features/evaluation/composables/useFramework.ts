// The framework the scores refer to, for names: the first of GET /api/frameworks, then
// GET /api/frameworks/{code}. `names` maps every aspect/indicator/item code to its names; empty until loaded
// or when the framework cannot be read (pages then show codes).
import { ref, shallowRef } from 'vue';
import { evaluationApi } from '../api';
import type { Framework, FrameworkItem } from '../types';

export interface CodeName {
  name: string;
  name_en?: string;
}

export function useFramework() {
  const framework = shallowRef<Framework | null>(null);
  const names = ref<Record<string, CodeName>>({});
  const items = ref<Record<string, FrameworkItem>>({});

  async function loadFramework(code?: string): Promise<void> {
    try {
      let fcode = code;
      if (!fcode) {
        fcode = (await evaluationApi.frameworks())[0]?.code;
      }
      if (!fcode) return;
      const f = await evaluationApi.framework(fcode);
      const n: Record<string, CodeName> = {};
      const it: Record<string, FrameworkItem> = {};
      for (const a of f.aspects ?? []) {
        n[a.code] = a;
        for (const ind of a.indicators ?? []) {
          n[ind.code] = ind;
          for (const item of ind.items ?? []) {
            n[item.code] = item;
            it[item.code] = item;
          }
        }
      }
      framework.value = f;
      names.value = n;
      items.value = it;
    } catch {
      framework.value = null;
    }
  }

  return { framework, names, items, loadFramework };
}
