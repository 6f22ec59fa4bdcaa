// Which columns of a list's table are shown (RuoYi's 列设置): the hidden keys are kept in localStorage per
// list, so a choice survives a reload. A table column reads `columns.shown('key')`; ListToolbar offers the
// checkboxes.
import { computed, ref, watch, type ComputedRef, type Ref } from 'vue';

export interface ListColumn {
  key: string;
  label: string;
}

export interface ListColumns {
  listId: string;
  all: ComputedRef<ListColumn[]>;
  hidden: Ref<string[]>;
  shown: (key: string) => boolean;
  toggle: (key: string, on: boolean) => void;
  showAll: () => void;
}

const prefix = 'civic.columns.';

function stored(listId: string): string[] {
  try {
    const value = JSON.parse(localStorage.getItem(prefix + listId) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function useListColumns(listId: string, columns: () => ListColumn[]): ListColumns {
  const hidden = ref<string[]>(stored(listId));
  watch(
    hidden,
    (keys) => {
      try {
        if (keys.length) localStorage.setItem(prefix + listId, JSON.stringify(keys));
        else localStorage.removeItem(prefix + listId);
      } catch {
        // storage refused (private mode): the choice lasts for this page only
      }
    },
    { deep: true },
  );
  return {
    listId,
    all: computed(columns),
    hidden,
    shown: (key) => !hidden.value.includes(key),
    toggle: (key, on) => {
      hidden.value = on ? hidden.value.filter((k) => k !== key) : [...new Set([...hidden.value, key])];
    },
    showAll: () => {
      hidden.value = [];
    },
  };
}
