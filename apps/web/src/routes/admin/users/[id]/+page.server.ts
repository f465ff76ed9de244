import { IdParams, Role } from '@shop/contracts/identity';
import { error } from '@sveltejs/kit';
import { text } from '$lib/forms/form-data';
import { apiFailure, invalid } from '$lib/server/forms';
import { pageError, requireStaff } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

function userId(params: { id: string }): string {
  const parsed = IdParams.safeParse(params);
  if (!parsed.success) error(404, { message: 'Not Found', code: 'USER_NOT_FOUND' });
  return parsed.data.id;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireStaff(locals, url);
  const id = userId(params);
  const logPage = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  try {
    const [member, loginLog] = await Promise.all([locals.api.admin.user(id), locals.api.admin.loginLog(id, logPage)]);
    // Not `user`: that key is the signed-in user in the root layout's data, which page data would overwrite.
    return { member, loginLog };
  } catch (err) {
    pageError(err, url);
  }
};

/** The role named in the form; a tampered value is a field error, not a 500. */
async function roleFrom(request: Request, t: App.Locals['t']) {
  const parsed = Role.safeParse(text(await request.formData(), 'role'));
  return parsed.success ? { role: parsed.data } : { failure: invalid('roles', { role: t('fieldError.choose') }, {}) };
}

export const actions: Actions = {
  grant: async ({ request, locals, url, params }) => {
    requireStaff(locals, url);
    const id = userId(params);
    const { role, failure } = await roleFrom(request, locals.t);
    if (failure) return failure;
    try {
      await locals.api.admin.grantRole(id, role);
    } catch (err) {
      return apiFailure(err, { form: 'roles', values: { role }, t: locals.t, url });
    }
    return { form: 'roles', done: 'granted' as const, role };
  },

  revoke: async ({ request, locals, url, params }) => {
    requireStaff(locals, url);
    const id = userId(params);
    const { role, failure } = await roleFrom(request, locals.t);
    if (failure) return failure;
    try {
      await locals.api.admin.revokeRole(id, role);
    } catch (err) {
      return apiFailure(err, { form: 'roles', values: {}, t: locals.t, url });
    }
    return { form: 'roles', done: 'revoked' as const, role };
  },

  disable: async ({ locals, url, params }) => {
    requireStaff(locals, url);
    try {
      await locals.api.admin.disableUser(userId(params));
    } catch (err) {
      return apiFailure(err, { form: 'access', values: {}, t: locals.t, url });
    }
    return { form: 'access', done: 'disabledDone' as const };
  },

  enable: async ({ locals, url, params }) => {
    requireStaff(locals, url);
    try {
      await locals.api.admin.enableUser(userId(params));
    } catch (err) {
      return apiFailure(err, { form: 'access', values: {}, t: locals.t, url });
    }
    return { form: 'access', done: 'enabledDone' as const };
  },

  unlock: async ({ locals, url, params }) => {
    requireStaff(locals, url);
    try {
      await locals.api.admin.unlockUser(userId(params));
    } catch (err) {
      return apiFailure(err, { form: 'access', values: {}, t: locals.t, url });
    }
    return { form: 'access', done: 'unlockedDone' as const };
  },
};
