import { methodBody, readMethodForm, type MethodFields } from '$lib/shipping/method-form';
import { invalid } from '$lib/server/forms';
import type { ShippingMethodValues } from '@shop/contracts/shipping';

/** The posted form as the API's body, or the 400 failure naming its fields (with what was typed, to show again). */
export async function readMethod(request: Request, t: App.Locals['t']) {
  const fields = readMethodForm(await request.formData());
  const parsed = methodBody(fields);
  if (parsed.body) return { fields, body: parsed.body as ShippingMethodValues };
  const errors = Object.fromEntries(Object.entries(parsed.errors).map(([field, key]) => [field, t(key)]));
  return { fields, failure: invalid('method', errors, {}, null) };
}

export type { MethodFields };
