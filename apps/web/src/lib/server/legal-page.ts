import type { LegalPageSlug } from '@shop/contracts/store';
import { pageError } from './session';

/** The `load` of a legal page route: the page's text in the visitor's language. */
export function legalPageLoad(slug: LegalPageSlug) {
  return async ({ locals, url }: { locals: App.Locals; url: URL }) => {
    try {
      return { legal: await locals.api.store.page(slug, locals.locale) };
    } catch (err) {
      pageError(err, url);
    }
  };
}
