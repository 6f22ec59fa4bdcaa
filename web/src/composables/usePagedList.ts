// A server-paged list: `load()` fetches page/page_size plus the caller's filters and keeps items and total.
// `missing` is set when the endpoint is not there yet (404), so the page shows "No data", not an error.
import { ref, type Ref } from 'vue';
import { api, ApiError, type Query } from '@/api/client';
import type { Page } from '@/api/types';

export function usePagedList<T>(path: () => string | null, filters: () => Query = () => ({})) {
  const items = ref([]) as Ref<T[]>;
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(20);
  const loading = ref(false);
  const missing = ref(false);
  const error = ref('');
  let generation = 0;

  async function load(): Promise<void> {
    const p = path();
    if (!p) {
      items.value = [];
      total.value = 0;
      return;
    }
    const mine = ++generation;
    loading.value = true;
    error.value = '';
    try {
      const answer = await api.get<Page<T>>(p, { ...filters(), page: page.value, page_size: pageSize.value });
      if (mine !== generation) return;
      items.value = Array.isArray(answer?.items) ? answer.items : [];
      total.value = typeof answer?.total === 'number' ? answer.total : items.value.length;
      missing.value = false;
    } catch (e) {
      if (mine !== generation) return;
      items.value = [];
      total.value = 0;
      missing.value = e instanceof ApiError && e.isMissing;
      if (!missing.value) error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  // Filters changed: start again from the first page.
  function search(): Promise<void> {
    page.value = 1;
    return load();
  }

  return { items, total, page, pageSize, loading, missing, error, load, search };
}

// What usePagedList returns, for components that drive one (e.g. ServerPager).
export type PagedList<T> = ReturnType<typeof usePagedList<T>>;
