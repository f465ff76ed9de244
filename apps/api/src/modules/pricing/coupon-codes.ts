import { randomInt } from 'node:crypto';

/** Letters and digits a shopper cannot misread: no 0/O, no 1/I. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** How a code is stored and matched: trimmed, upper-case. */
export function normalizeCode(text: string): string {
  return text.trim().toUpperCase();
}

/** A random code of `length` characters of CODE_ALPHABET after the (normalised) prefix. */
export function randomCode(input: { length: number; prefix?: string | undefined }, random: (max: number) => number = randomInt): string {
  let out = input.prefix ? normalizeCode(input.prefix) : '';
  for (let i = 0; i < input.length; i++) out += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return out;
}

/** `count` distinct random codes, none of them in `avoid`. */
export function randomCodes(
  input: { count: number; length: number; prefix?: string | undefined; avoid?: ReadonlySet<string> },
  random: (max: number) => number = randomInt,
): string[] {
  const out = new Set<string>();
  // 32^length is far beyond any batch; the bound only stops a broken random source.
  for (let tries = 0; out.size < input.count && tries < input.count * 100; tries++) {
    const code = randomCode(input, random);
    if (!input.avoid?.has(code)) out.add(code);
  }
  if (out.size < input.count) throw new Error('could not draw enough distinct coupon codes');
  return [...out];
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The codes as CSV (RFC 4180, CRLF), one row per code, for printing or mail merges. */
export function codesCsv(
  rows: ReadonlyArray<{ code: string; singleUse: boolean; uses: number; batchId: string | null; createdAt: Date }>,
): string {
  const lines = [['code', 'single_use', 'uses', 'batch_id', 'created_at'].join(',')];
  for (const r of rows)
    lines.push([r.code, String(r.singleUse), String(r.uses), r.batchId ?? '', r.createdAt.toISOString()].map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
