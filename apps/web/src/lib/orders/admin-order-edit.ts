// The staff order edit form: note, recipient and address, sent with the version the page read.
import { normalisePlaceName, normaliseTaiwanPhone } from '@shop/contracts/tw-address';
import { formValues, text, type FormValues } from '$lib/forms/form-data';

export const orderEditFields = ['version', 'note', 'recipientName', 'recipientMobile', 'city', 'district', 'zip', 'line'] as const;

/**
 * Reads the edit form into an `AdminOrderPatch`: the note always (blank clears it), the recipient
 * when either of its fields is filled, the address when any of its parts is (the order may have none).
 */
export function readOrderEdit(form: FormData): { values: FormValues; input: Record<string, unknown> } {
  const values = formValues(form, orderEditFields);
  const input: Record<string, unknown> = { version: Number(text(form, 'version')) };
  const note = text(form, 'note').trim();
  input.note = note === '' ? null : note;
  if (values.recipientName!.trim() || values.recipientMobile!.trim())
    input.recipient = { name: values.recipientName, mobile: normaliseTaiwanPhone(values.recipientMobile ?? '') };
  if (['city', 'district', 'zip', 'line'].some((k) => values[k]!.trim() !== ''))
    input.address = {
      city: normalisePlaceName(values.city ?? ''),
      district: normalisePlaceName(values.district ?? ''),
      zip: (values.zip ?? '').trim(),
      line: values.line,
    };
  return { values, input };
}
