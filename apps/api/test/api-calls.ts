// Calling the API as a signed-in user (bearer) or anonymously, for integration tests.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Harness } from './harness.js';
import { bearer, type Signed } from './identity-helpers.js';

/** A JSON body as tests read it. */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Calls on the harness `harness()` returns (it is made in `beforeAll`, after the calls are defined):
 * - `call(who, method, url, payload?, headers?)` injects `/api${url}` and resolves the response;
 * - `ok(res, status = 200)` expects the status (naming the body when it differs) and returns the JSON;
 * - `json(who, method, url, payload?, status = 200)` does both, `{}` for a 204.
 */
export function apiCalls(harness: () => Harness) {
  const call = (who: Signed | null, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    harness().app.inject({
      method,
      url: `/api${url}`,
      headers: { ...(who ? bearer(who) : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });
  const ok = (res: LightMyRequestResponse, status = 200): Json => {
    expect(res.statusCode, res.body).toBe(status);
    return res.statusCode === 204 ? {} : res.json();
  };
  const json = async (who: Signed | null, method: Method, url: string, payload?: unknown, status = 200): Promise<Json> =>
    ok(await call(who, method, url, payload), status);
  return { call, ok, json };
}
