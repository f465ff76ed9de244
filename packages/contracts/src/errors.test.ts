import { describe, expect, it } from 'vitest';
import { ErrorCodes, ErrorCodesByModule, isErrorCode } from './errors.js';

describe('error code lists', () => {
  it('give each code to one module only, once', () => {
    const owners = new Map<string, string[]>();
    for (const [module, codes] of Object.entries(ErrorCodesByModule)) {
      for (const code of codes) owners.set(code, [...(owners.get(code) ?? []), module]);
    }
    const twice = [...owners].filter(([, modules]) => modules.length > 1).map(([code, modules]) => `${code}: ${modules.join(', ')}`);
    expect(twice).toEqual([]);
    expect(ErrorCodes).toHaveLength(owners.size);
  });

  it('are all upper-snake', () => {
    expect(ErrorCodes.filter((code) => !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(code))).toEqual([]);
  });

  it('tell a listed code from any other string', () => {
    expect(isErrorCode('EMAIL_TAKEN')).toBe(true);
    expect(isErrorCode('email_taken')).toBe(false);
    expect(isErrorCode('NO_SUCH_CODE')).toBe(false);
  });
});
