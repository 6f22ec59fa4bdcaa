// vue-i18n setup. zh-CN is the default; the choice persists in localStorage under 'civic.locale'.
import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN';
import en from './en';

export type Locale = 'zh-CN' | 'en';
const KEY = 'civic.locale';

function initialLocale(): Locale {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
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
