// Whether the screen is a phone's (narrower than 600 px): list pages show cards (ListCards) instead of their
// table then. Follows the window as it is resized or turned.
import { onBeforeUnmount, ref, type Ref } from 'vue';

export const NARROW_QUERY = '(max-width: 599.98px)';

export function useNarrow(): Ref<boolean> {
  const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(NARROW_QUERY) : null;
  const narrow = ref(query?.matches ?? false);
  const update = (e: MediaQueryListEvent) => {
    narrow.value = e.matches;
  };
  query?.addEventListener('change', update);
  onBeforeUnmount(() => query?.removeEventListener('change', update));
  return narrow;
}
