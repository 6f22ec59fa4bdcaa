// A server-paged list: `load()` asks `fetchPage` (a feature's api call, given page and page_size) and keeps
// items and total, or `error` (the failure's text) when it fails; `fetchPage` answers null while there is
// nothing to list (e.g. no unit chosen yet).
import { ref, type Ref } from 'vue';
import type { Page } from '@/shared/types';
import { errorText } from '@/shared/api/errorText';

// A type, not an interface, so that it passes as a Query.
export type Paging = { page: number; page_size: number };

export function usePagedList<T>(fetchPage: (paging: Paging) => Promise<Page<T>> | null) {
  const items = ref([]) as Ref<T[]>;
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(20);
  const loading = ref(false);
  const error = ref('');
  let generation = 0;

  async function load(): Promise<void> {
    const mine = ++generation;
    const answer = fetchPage({ page: page.value, page_size: pageSize.value });
    if (!answer) {
      items.value = [];
      total.value = 0;
      loading.value = false;
      return;
    }
    loading.value = true;
    error.value = '';
    try {
      const p = await answer;
      if (mine !== generation) return;
      items.value = Array.isArray(p?.items) ? p.items : [];
      total.value = typeof p?.total === 'number' ? p.total : items.value.length;
    } catch (e) {
      if (mine !== generation) return;
      items.value = [];
      total.value = 0;
      error.value = errorText(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  // Filters changed: start again from the first page.
  function search(): Promise<void> {
    page.value = 1;
    return load();
  }

  return { items, total, page, pageSize, loading, error, load, search };
}

// What usePagedList returns, for components that drive one (e.g. ServerPager).
export type PagedList<T> = ReturnType<typeof usePagedList<T>>;
