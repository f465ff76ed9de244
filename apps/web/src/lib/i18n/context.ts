import { getContext, setContext } from 'svelte';
import { getTranslator, localizeHref, type Locale, type Translate } from './index';

const key = Symbol('i18n');

export interface I18n {
  readonly locale: Locale;
  readonly t: Translate;
  /** A site path (`/products?page=2`) as a link in the current language (`/en/products?page=2`). */
  path(href: string): string;
}

/**
 * Called once by the root layout. `getLocale` is read lazily, so components that read
 * `i18n.t` in their markup re-render when the layout's locale changes.
 */
export function provideI18n(getLocale: () => Locale): I18n {
  const i18n: I18n = {
    get locale() {
      return getLocale();
    },
    get t() {
      return getTranslator(getLocale());
    },
    path: (href) => localizeHref(href, getLocale()),
  };
  setContext(key, i18n);
  return i18n;
}

export function useI18n(): I18n {
  const i18n = getContext<I18n | undefined>(key);
  if (!i18n) throw new Error('useI18n() called outside the root layout');
  return i18n;
}
