// The case categories (GET /api/case-categories, public), loaded once per page load; `nameOf` falls back to
// the code while loading or when the categories cannot be read.
import { ref } from 'vue';
import { casesApi } from '../api';
import type { CaseCategory } from '../types';
import { localName } from '@/shared/i18n';

const categories = ref<CaseCategory[]>([]);
let loading: Promise<void> | null = null;

export function useCaseCategories() {
  if (!loading) {
    loading = casesApi
      .categories()
      .then((list) => {
        categories.value = Array.isArray(list) ? list : [];
      })
      .catch(() => {
        loading = null;
      });
  }
  function nameOf(code: string | null | undefined): string {
    if (!code) return '—';
    const c = categories.value.find((x) => x.code === code);
    return c ? localName(c) : code;
  }
  return { categories, nameOf };
}
