import type { Reroute } from '@sveltejs/kit';
import { delocalizePath } from '$lib/i18n';

/** English pages are the zh-TW routes under `/en`: `/en/products/x` renders `/products/x`, in English. */
export const reroute: Reroute = ({ url }) => delocalizePath(url.pathname);
