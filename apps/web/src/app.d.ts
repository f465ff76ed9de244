import type { Cart } from '@shop/contracts/cart';
import type { Me } from '@shop/contracts/identity';
import type { Locale, Translate } from '$lib/i18n';
import type { ServerApi } from '$lib/server/api';
import type { SessionUser } from '$lib/identity/user';

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
      /** API client forwarding this request's session; see `$lib/server/api/index.ts`. */
      api: ServerApi;
      /** The signed-in user, resolved once per request by `hooks.server.ts`; null when signed out. */
      user: Me | null;
    }
    interface PageData {
      /** From the root layout: who is signed in. */
      user?: SessionUser | null;
      /** From the root layout: the shop's public URL, for absolute links. */
      publicUrl?: string;
      /** A page's own address without language prefix (`/products/tee`), when its URL carries extras (`?variant=`). */
      canonicalPath?: string;
      /** From the storefront layout: units in the cart for the header; null when unknown (or the page has the cart). */
      cartCount?: number | null;
      /** The cart page's cart, which the header counts itself. */
      cart?: Cart;
    }
  }
}

export {};
