// Where a server field error (api.md's `field`) shows in a form: `photos[0]` → `photos`;
// `children[2].due` → row 2's `due`. Anything else goes to the form's general message.
import { ApiError } from '@/shared/api/client';
import { errorText } from '@/shared/api/errorText';

export interface PlacedError {
  field: string | null; // the form item, or null for the general message
  row: number | null; // the table row (0-based) for `children[i].x`
  message: string;
}

export function placeError(e: unknown, fields: readonly string[], table = 'children'): PlacedError {
  const message = errorText(e);
  if (!(e instanceof ApiError) || !e.field) return { field: null, row: null, message };
  const rowMatch = new RegExp(`^${table}\\[(\\d+)\\]\\.?([a-z_]*)`).exec(e.field);
  if (rowMatch) {
    const f = rowMatch[2] || null;
    return {
      field: f && fields.includes(f) ? f : null,
      row: Number(rowMatch[1]),
      message: f && fields.includes(f) ? message : `${e.field}: ${message}`,
    };
  }
  const base = e.field.replace(/\[.*$/, '').replace(/\..*$/, '');
  if (fields.includes(base)) return { field: base, row: null, message };
  return { field: null, row: null, message: `${e.field}: ${message}` };
}
