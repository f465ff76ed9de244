/** The time source of services that reason about time (lockouts, token expiry); tests inject their own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
