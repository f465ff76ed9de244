import type { SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';

export interface TrackSubmitOptions {
  /** False keeps what the user typed after a success (edit forms whose values come back from the server anyway). */
  reset?: boolean;
  /** Empty the password fields after a failure (a sign-in that was refused starts the password again). */
  clearPasswords?: boolean;
}

/**
 * After a refused submit, keyboard and screen-reader users land on what went wrong: the page's
 * error message (`FormMessage`), or else the form's first invalid field.
 */
export function focusErrorSummary(form: HTMLFormElement): void {
  const scope = form.closest('main') ?? document;
  const target = scope.querySelector<HTMLElement>('.form-message.error') ?? form.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!target) return;
  if (!target.matches('input, select, textarea, button, a[href]') && !target.hasAttribute('tabindex'))
    target.setAttribute('tabindex', '-1');
  target.focus();
}

/**
 * `use:enhance` callback that reports while the form is submitting (to disable its button)
 * and then does what SvelteKit does by default, moving focus to the errors when it failed.
 */
export function trackSubmit(onPending: (pending: boolean) => void, options: TrackSubmitOptions = {}): SubmitFunction {
  return ({ formElement }) => {
    onPending(true);
    return async ({ update, result }) => {
      try {
        await update({ reset: options.reset ?? true });
      } finally {
        onPending(false);
      }
      if (result.type !== 'failure') return;
      if (options.clearPasswords) {
        for (const input of formElement.querySelectorAll<HTMLInputElement>('input[name*="assword"]')) input.value = '';
      }
      await tick();
      focusErrorSummary(formElement);
    };
  };
}
