// What a server error says in the user's language. The server names each error with a stable key and its
// args beside the English message ({"error": {"code", "key", "args", "field", "message"}}); the texts live in
// shared/locales/errors.<locale>.json (flat: key → text with {arg} placeholders, filled by the server side
// and checked for completeness by tools/check_messages.py). A key without a text falls back to the server's
// message. An error without a key of its own — the server then sends its code's generic key "error.<code>" —
// reads as `ifNoKey` when the page has a better text, else as the generic text.
import { i18n, type Locale } from '@/shared/i18n';
import errorsEn from '@/shared/locales/errors.en.json';
import errorsZhCN from '@/shared/locales/errors.zh-CN.json';
import { ApiError, type ErrorDetail } from './client';

const TEXTS: Record<Locale, Record<string, string>> = { 'zh-CN': errorsZhCN, en: errorsEn };

// The generic text of an error without any key (one the client makes itself, or an answer from a proxy).
const GENERIC: Record<string, string> = {
  bad_response: 'error.internal',
  network: 'request.network',
};

const isGenericKey = (key: string) => key.startsWith('error.');

function texts(): Record<string, string> {
  return TEXTS[i18n.global.locale.value as Locale] ?? TEXTS['zh-CN'];
}

// An argument as the user reads it: "roles" (role names joined by ',', e.g. in auth.permission) becomes the
// roles' names in the user's language, "field" the field's name (shared locales' `fields`), "stage" a
// selection candidate's stage name; anything else is shown as sent.
function shownArg(name: string, value: unknown): string {
  const { t, te, locale } = i18n.global;
  // A field's path ("name", "tasks[0].title") reads as the field's name where the console has one.
  if (name === 'field' && typeof value === 'string') {
    const last = value.split('.').pop() ?? value;
    return te(`fields.${last}`) ? t(`fields.${last}`) : value;
  }
  // A selection candidate's stage (selection.stage) by its name in the console.
  if (name === 'stage' && typeof value === 'string' && te(`selections.stage.${value}`)) {
    return t(`selections.stage.${value}`);
  }
  if (name !== 'roles' || typeof value !== 'string') return String(value);
  const names = value
    .split(',')
    .filter((r) => r)
    .map((r) => (te(`roles.${r}`) ? t(`roles.${r}`) : r));
  return names.join(locale.value === 'en' ? ', ' : '、');
}

function interpolate(text: string, args: Record<string, unknown> = {}): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) =>
    args[name] === undefined ? all : shownArg(name, args[name]),
  );
}

function isDetail(x: unknown): x is ErrorDetail {
  return typeof x === 'object' && x !== null && typeof (x as ErrorDetail).message === 'string';
}

// The text to show for `err`: an ApiError, a refused table row, any other error or value.
export function errorText(err: unknown, ifNoKey?: string): string {
  if (!(err instanceof ApiError) && err instanceof Error) return err.message;
  if (!isDetail(err)) return String(err);
  const all = texts();
  if (err.key && !isGenericKey(err.key)) {
    const text = all[err.key];
    if (text !== undefined) return interpolate(text, err.args);
    return err.message || ifNoKey || err.key;
  }
  if (ifNoKey) return ifNoKey;
  const generic = err.key ?? (err.code ? (GENERIC[err.code] ?? `error.${err.code}`) : undefined);
  const text = generic ? all[generic] : undefined;
  return text !== undefined ? interpolate(text, { field: err.field, ...err.args }) : err.message;
}
