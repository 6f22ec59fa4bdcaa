// vue-i18n setup. The messages of a language are the shared texts (shared/locales/) merged with every
// feature's (features/<feature>/locales/); a key defined twice is a mistake and stops the app at start.
// zh-CN is the default; the choice persists in localStorage under 'civic.locale'.
import { createI18n } from 'vue-i18n';
import zhCN from './locales/zh-CN';
import en from './locales/en';

export type Locale = 'zh-CN' | 'en';
const KEY = 'civic.locale';

type Tree = { [key: string]: string | Tree };

// structuredClone is missing from older phone web views (WeChat on iOS < 15.4): texts are plain JSON.
const clone = <T>(v: T): T =>
  typeof structuredClone === 'function' ? structuredClone(v) : (JSON.parse(JSON.stringify(v)) as T);

// Merges `from` into `into`; `where` names the file for the error on a clash.
function merge(into: Tree, from: Tree, where: string, prefix = ''): void {
  for (const [k, v] of Object.entries(from)) {
    const path = prefix ? `${prefix}.${k}` : k;
    const here = into[k];
    if (here === undefined) into[k] = typeof v === 'string' ? v : clone(v);
    else if (typeof here !== 'string' && typeof v !== 'string') merge(here, v, where, path);
    else throw new Error(`i18n: ${where} defines "${path}" a second time`);
  }
}

const featureTexts = {
  'zh-CN': import.meta.glob<Tree>('../features/*/locales/zh-CN.ts', { eager: true, import: 'default' }),
  en: import.meta.glob<Tree>('../features/*/locales/en.ts', { eager: true, import: 'default' }),
};

function messagesOf(locale: Locale, shared: Tree): Tree {
  const out: Tree = clone(shared);
  for (const [file, texts] of Object.entries(featureTexts[locale])) merge(out, texts, file);
  return out;
}

function initialLocale(): Locale {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': messagesOf('zh-CN', zhCN), en: messagesOf('en', en) },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(KEY, locale);
  document.documentElement.lang = locale;
}

// A name in the current language: `name_en` when English is chosen and the server has one.
export function localName(o: { name: string; name_en?: string } | null | undefined): string {
  if (!o) return '';
  return i18n.global.locale.value === 'en' && o.name_en ? o.name_en : o.name;
}

// How a person is shown: the display name the server gives beside a username, else the username;
// automatic actions ("system", or nobody) as 系统 / System, a member of the public ("public") as 市民 / Public.
export function personName(username: string | null | undefined, name?: string | null): string {
  if (!username || username === 'system') return i18n.global.t('common.system');
  if (username === 'public') return i18n.global.t('common.public');
  return name && name !== '系统' ? name : username;
}
