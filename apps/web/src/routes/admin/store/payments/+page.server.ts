import { PaymentSettingsInput, PaymentSettingsIssueCodes } from '@shop/contracts/store';
import { fail } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { zodFieldErrors, type FieldErrors } from '$lib/forms/field-errors';
import { checked, text } from '$lib/forms/form-data';
import { apiFailure, invalid } from '$lib/server/forms';
import { pageError, requireSection, requireStaff } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const SWITCHES = ['credit', 'applePay', 'atm', 'cvs', 'barcode', 'bankTransfer', 'cashOnDelivery'] as const;
const NUMBERS = ['atmDays', 'cvsMinutes', 'barcodeDays'] as const;

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  requireStaff(locals, url);
  requireSection((await parent()).adminSections, 'store');
  try {
    return { settings: await locals.api.admin.paymentSettings() };
  } catch (err) {
    pageError(err, url);
  }
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    requireStaff(locals, url);
    const data = await request.formData();
    const values: Record<string, string> = {};
    for (const s of SWITCHES) values[s] = checked(data, s) ? 'on' : '';
    for (const n of NUMBERS) values[n] = text(data, n).trim();
    const counts = data.getAll('installments').map(String);
    values.installments = counts.join(',');
    const parsed = PaymentSettingsInput.safeParse({
      ...Object.fromEntries(SWITCHES.map((s) => [s, values[s] === 'on'])),
      installments: counts.map(Number),
      ...Object.fromEntries(NUMBERS.map((n) => [n, values[n] === '' ? NaN : Number(values[n])])),
      version: Number(text(data, 'version')),
    });
    if (!parsed.success) {
      const errors: FieldErrors = zodFieldErrors(parsed.error, locals.t);
      // The rules between switches say what to change, not just "invalid".
      for (const issue of parsed.error.issues) {
        const code = issue.code === 'custom' ? (issue.params as { code?: string } | undefined)?.code : undefined;
        if (code === PaymentSettingsIssueCodes.noMethod) errors.credit = locals.t('paymentSettings.noMethod');
        if (code === PaymentSettingsIssueCodes.installmentsNeedCard) errors.installments = locals.t('paymentSettings.installmentsNeedCard');
      }
      return invalid('payments', errors, values, locals.t('checkout.errors.fix'));
    }
    try {
      await locals.api.admin.updatePaymentSettings(parsed.data);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT')
        return fail(409, { form: 'payments', errors: {}, values, message: locals.t('admin.store.changedMeanwhile'), conflict: true });
      return apiFailure(err, { form: 'payments', values, t: locals.t, url });
    }
    return { form: 'payments', saved: true };
  },
};
