import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance` callback that reports while the form is submitting (to disable its button)
 * and then does what SvelteKit does by default. `reset: false` keeps what the user typed
 * after a success (edit forms whose values come back from the server anyway).
 */
export function trackSubmit(onPending: (pending: boolean) => void, options: { reset?: boolean } = {}): SubmitFunction {
  return () => {
    onPending(true);
    return async ({ update }) => {
      try {
        await update({ reset: options.reset ?? true });
      } finally {
        onPending(false);
      }
    };
  };
}
