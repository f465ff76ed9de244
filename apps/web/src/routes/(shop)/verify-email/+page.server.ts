import { VerifyEmailBody } from '@shop/contracts/identity';
import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/i18n';
import { ApiError } from '$lib/api/client';
import { apiFailure } from '$lib/server/forms';
import { pageError, requireUser } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const results = ['verified', 'invalid'] as const;
type Result = (typeof results)[number];

/**
 * The link in the verification mail lands here with `?token=`. The token is spent on arrival
 * and the visitor is sent on to `?result=…`: the token leaves the address bar and history, a
 * reload does not spend it twice, and the next request sees the verified account.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const token = url.searchParams.get('token');
  if (token !== null) {
    let result: Result = 'invalid';
    const parsed = VerifyEmailBody.safeParse({ token });
    if (parsed.success) {
      try {
        await locals.api.auth.verifyEmail(parsed.data);
        result = 'verified';
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 400)) pageError(err, url);
      }
    }
    redirect(303, localizeHref(`/verify-email?result=${result}`, locals.locale));
  }
  const result = url.searchParams.get('result');
  return { result: results.includes(result as Result) ? (result as Result) : null };
};

export const actions: Actions = {
  /** "Resend the verification mail", also posted by the reminder banner on every page. */
  resend: async ({ locals, url }) => {
    requireUser(locals, url);
    try {
      await locals.api.auth.resendVerification();
    } catch (err) {
      return apiFailure(err, { form: 'resend', values: {}, t: locals.t, url });
    }
    return { form: 'resend', resent: true };
  },
};
