// Server field errors next to form fields: `take(e)` keeps an ApiError's `field` (e.g. "reason",
// "results[2].photos[0]") and its text in the user's language (errorText); `of(name)` gives the text for a
// form item's :error, matching the field itself or a path under it. Errors without a field come back from
// `take` as the text to show.
import { ref } from 'vue';
import { ApiError } from '@/shared/api/client';
import { errorText } from '@/shared/api/errorText';

export function useFieldErrors() {
  const errors = ref<Record<string, string>>({});

  function clear(): void {
    errors.value = {};
  }
  // Returns the message when no field takes it (show it as a page-level error).
  function take(e: unknown): string {
    clear();
    const message = errorText(e);
    if (e instanceof ApiError && e.field) {
      errors.value = { [e.field]: message };
      return '';
    }
    return message;
  }
  function of(name: string): string {
    for (const [field, message] of Object.entries(errors.value)) {
      if (field === name || field.startsWith(`${name}[`) || field.startsWith(`${name}.`)) return message;
    }
    return '';
  }
  return { errors, clear, take, of };
}
