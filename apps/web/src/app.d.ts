import type { ApiClient } from '$lib/api/client';
import type { Locale, Translate } from '$lib/i18n';

declare global {
  namespace App {
    interface Error {
      message: string;
      /** Problem code of the failed API call behind this error, if any; picks the user copy. */
      code?: string;
      /** Shown to the visitor so support can find the logs. */
      traceId?: string;
    }
    interface Locals {
      requestId: string;
      locale: Locale;
      /** Translator fixed to this request's locale. */
      t: Translate;
      /** API client forwarding this request's session; see `$lib/server/api.ts`. */
      api: ApiClient;
    }
  }
}

export {};
