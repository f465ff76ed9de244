import { describe, expect, it } from 'vitest';
import { formatTaiwanPhone } from './phone';

describe('formatTaiwanPhone', () => {
  it.each([
    ['0912345678', '0912-345-678'],
    ['0223456789', '02-2345-6789'],
    ['0800123456', '0800-123-456'],
    ['0422345678', '04-2234-5678'],
    ['037123456', '037-123456'],
    ['12345', '12345'],
  ])('%s → %s', (digits, shown) => {
    expect(formatTaiwanPhone(digits)).toBe(shown);
  });
});
