/**
 * Adds an image origin (an S3 bucket on plain http in development, say) to the img-src of the CSP
 * SvelteKit wrote; the static policy in svelte.config.js cannot know it.
 */
export function allowImageOrigin(headers: Headers, origin: string | undefined): void {
  const policy = headers.get('content-security-policy');
  if (!origin || !policy) return;
  headers.set('content-security-policy', policy.replace(/(^|;\s*)img-src\b/, `$1img-src ${origin}`));
}

/**
 * Lets the page's forms post to another origin (ECPay's store map, which the shopper's browser is
 * sent to) besides the shop's own: the form-action of the CSP SvelteKit wrote.
 */
export function allowFormAction(headers: Headers, origin: string | undefined): void {
  const policy = headers.get('content-security-policy');
  if (!origin || !policy) return;
  headers.set('content-security-policy', policy.replace(/(^|;\s*)form-action\b/, `$1form-action ${origin}`));
}

/**
 * Headers every page answer carries; the Content-Security-Policy (with a nonce per page) comes
 * from SvelteKit itself (`kit.csp` in svelte.config.js).
 */
export function setPageSecurityHeaders(headers: Headers, { https, personal }: { https: boolean; personal: boolean }): void {
  headers.set('x-frame-options', 'DENY');
  headers.set('x-content-type-options', 'nosniff');
  headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), usb=(), interest-cohort=()');
  headers.set('cross-origin-opener-policy', 'same-origin');
  // The same value the API process gives its own answers over https.
  if (https) headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
  // A signed-in page carries the visitor's name and data: no shared or back-forward cache keeps it.
  if (personal) headers.set('cache-control', 'no-store');
}
