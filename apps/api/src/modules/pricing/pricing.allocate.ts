// Integer arithmetic for pricing: floor of a × b / c without float error, and proportional
// allocation with the largest-remainder method.

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** floor(a × b / c) for non-negative integers, exact even when a × b passes 2^53. */
export function mulDivFloor(a: number, b: number, c: number): number {
  if (c <= 0) throw new RangeError('mulDivFloor: divisor must be positive');
  const product = a * b;
  if (Number.isSafeInteger(product)) return (product - (product % c)) / c;
  const q = (BigInt(a) * BigInt(b)) / BigInt(c);
  if (q > SAFE) throw new RangeError('mulDivFloor: result is not a safe integer');
  return Number(q);
}

export interface AllocationWeight {
  key: string;
  weight: number;
}

/**
 * Splits `amount` over `weights` in proportion, in integers: each key gets floor(amount × w / W),
 * and the leftover units go one each to the largest fractional remainders, ties to the smaller key.
 * The shares sum exactly to `amount`, no share exceeds its weight, a zero weight gets 0, and the
 * result does not depend on the order of `weights`. Requires 0 ≤ amount ≤ Σ weights and unique keys.
 */
export function allocateProportionally(amount: number, weights: readonly AllocationWeight[]): Map<string, number> {
  const total = weights.reduce((s, w) => s + w.weight, 0);
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > total) {
    throw new RangeError(`allocateProportionally: cannot split ${amount} over a total weight of ${total}`);
  }
  const shares = new Map<string, number>();
  if (amount === 0) {
    for (const w of weights) shares.set(w.key, 0);
    return shares;
  }
  const big = BigInt(amount);
  const bigTotal = BigInt(total);
  const rows = weights.map((w) => {
    const scaled = big * BigInt(w.weight);
    return { key: w.key, share: Number(scaled / bigTotal), remainder: scaled % bigTotal };
  });
  let leftover = amount - rows.reduce((s, r) => s + r.share, 0);
  const byRemainder = [...rows].sort((x, y) =>
    x.remainder === y.remainder ? compareKeys(x.key, y.key) : x.remainder > y.remainder ? -1 : 1,
  );
  for (const row of byRemainder) {
    if (leftover === 0) break;
    row.share += 1;
    leftover -= 1;
  }
  for (const row of rows) shares.set(row.key, row.share);
  return shares;
}

/** Code-unit order, independent of locale. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
