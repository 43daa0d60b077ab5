import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import 'dayjs/locale/en.js';
import relativeTime from 'dayjs/plugin/relativeTime.js';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common } from './i18n-common.js';
import { features } from './i18n-features.js';

dayjs.extend(relativeTime);

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = 'aftercare.locale';

export function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

type Bundle = { 'zh-CN': object; en: object };
const bundles: Record<string, Bundle> = { common, ...features };
const resources: Record<Locale, Record<string, object>> = { 'zh-CN': {}, en: {} };
for (const [ns, bundle] of Object.entries(bundles)) {
  resources['zh-CN'][ns] = bundle['zh-CN'];
  resources.en[ns] = bundle.en;
}

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLocale(),
  fallbackLng: 'zh-CN',
  ns: Object.keys(bundles),
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
applyLocale(storedLocale());

function applyLocale(locale: Locale): void {
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = locale;
}

export async function changeLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the switch still applies to this tab
  }
  applyLocale(locale);
  await i18n.changeLanguage(locale);
}

export { i18n };
