// Accept-* request headers (Accept-Language, Accept-Encoding): `token;q=0.8, other`.

/**
 * The header's values, lower-cased, with their quality (1 when not given), most preferred first
 * (ties keep the header's order); values with q=0 (refused) are left out.
 */
export function acceptedValues(header: string | string[] | undefined): Array<{ value: string; q: number }> {
  const h = Array.isArray(header) ? header.join(',') : (header ?? '');
  return h
    .split(',')
    .map((part) => {
      const [value = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { value: value.trim(), q: q ? Number(q) : 1 };
    })
    .filter((v) => v.value && v.q > 0)
    .sort((a, b) => b.q - a.q);
}
