import { navigating } from '$app/state';

/**
 * Whether a client-side navigation has been waiting on server data for longer than `delayMs`:
 * layouts show a skeleton then, and fast navigations do not flash. Call during component init.
 */
export function slowNavigation(delayMs = 300): { readonly current: boolean } {
  let slow = $state(false);
  $effect(() => {
    if (!navigating.to) {
      slow = false;
      return;
    }
    const timer = setTimeout(() => (slow = true), delayMs);
    return () => clearTimeout(timer);
  });
  return {
    get current() {
      return slow;
    },
  };
}
