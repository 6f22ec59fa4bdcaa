// What a server error says in the user's language. The server names each error with a stable key and its
// args beside the English message ({"error": {"code", "key", "args", "field", "message"}}); the texts live in
// shared/locales/errors.<locale>.json (flat: key → text with {arg} placeholders, filled by the server side
// and checked for completeness by its tests). A key without a text falls back to the server's message; an
// error without a key reads as its code's generic text (`GENERIC`), or `ifNoKey` when the page has a better one.
import { i18n, type Locale } from '@/shared/i18n';
import errorsEn from '@/shared/locales/errors.en.json';
import errorsZhCN from '@/shared/locales/errors.zh-CN.json';
import { ApiError, type ErrorDetail } from './client';

const TEXTS: Record<Locale, Record<string, string>> = { 'zh-CN': errorsZhCN, en: errorsEn };

// The text of an error that has no key, by its code.
const GENERIC: Record<string, string> = {
  invalid_input: 'request.invalid',
  unauthenticated: 'request.unauthenticated',
  forbidden: 'request.forbidden',
  not_found: 'request.not_found',
  conflict: 'request.conflict',
  too_large: 'request.too_large',
  payload_too_large: 'request.too_large',
  rate_limited: 'request.rate_limited',
  internal: 'server.error',
  bad_response: 'server.error',
  network: 'request.network',
};

function texts(): Record<string, string> {
  return TEXTS[i18n.global.locale.value as Locale] ?? TEXTS['zh-CN'];
}

function interpolate(text: string, args: Record<string, unknown> = {}): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (args[name] === undefined ? all : String(args[name])));
}

function isDetail(x: unknown): x is ErrorDetail {
  return typeof x === 'object' && x !== null && typeof (x as ErrorDetail).message === 'string';
}

// The text to show for `err`: an ApiError, a refused table row, any other error or value.
export function errorText(err: unknown, ifNoKey?: string): string {
  if (!(err instanceof ApiError) && err instanceof Error) return err.message;
  if (!isDetail(err)) return String(err);
  const all = texts();
  if (err.key) {
    const text = all[err.key];
    if (text !== undefined) return interpolate(text, err.args);
    return err.message || ifNoKey || err.key;
  }
  if (ifNoKey) return ifNoKey;
  const generic = err.code ? GENERIC[err.code] : undefined;
  return (generic && all[generic]) || err.message;
}
