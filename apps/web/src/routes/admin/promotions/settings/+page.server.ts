import { PricingSettingsInput } from '@shop/contracts/pricing';
import { text } from '$lib/forms/form-data';
import { apiFailure, invalid } from '$lib/server/forms';
import { pageError, requireSection, requireStaff } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  requireStaff(locals, url);
  requireSection((await parent()).adminSections, 'promotions');
  try {
    return { settings: await locals.api.admin.pricingSettings() };
  } catch (err) {
    pageError(err, url);
  }
};

export const actions: Actions = {
  save: async ({ request, locals, url }) => {
    requireStaff(locals, url);
    const parsed = PricingSettingsInput.safeParse({ stackingPolicy: text(await request.formData(), 'stackingPolicy') });
    if (!parsed.success) return invalid('settings', { stackingPolicy: locals.t('fieldError.choose') }, {});
    try {
      await locals.api.admin.updatePricingSettings(parsed.data.stackingPolicy);
    } catch (err) {
      return apiFailure(err, { form: 'settings', values: {}, t: locals.t, url });
    }
    return { form: 'settings', saved: true };
  },
};
