import { zhCN, type MessageKey } from './zh-CN';
import { en } from './en';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'daiban.locale';

function initialLocale(): Locale {
	const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
	return stored === 'en' || stored === 'zh-CN' ? stored : 'zh-CN';
}

/** The UI language; zh-CN unless the user chose English on this device. */
class I18n {
	locale = $state<Locale>(initialLocale());

	set(locale: Locale): void {
		this.locale = locale;
		if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, locale);
		if (typeof document !== 'undefined') document.documentElement.lang = locale;
	}

	t = (key: MessageKey, params?: Record<string, string | number>): string => {
		const template = catalogues[this.locale][key];
		if (!params) return template;
		return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
	};
}

export const i18n = new I18n();
export const t = i18n.t;
export type { MessageKey };
