import { describe, expect, it } from 'vitest';
import { checked, formValues, optionalText, text } from './form-data';

function formData(entries: Array<[string, string | Blob]>): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

describe('reading form posts', () => {
  const form = formData([
    ['name', ' Ann '],
    ['blank', '   '],
    ['tick', 'on'],
    ['file', new Blob(['x'])],
    ['multi', 'read'],
    ['multi', 'update'],
  ]);

  it('reads text as sent, and missing or file fields as empty', () => {
    expect(text(form, 'name')).toBe(' Ann ');
    expect(text(form, 'missing')).toBe('');
    expect(text(form, 'file')).toBe('');
  });

  it('treats a blank optional field as not given', () => {
    expect(optionalText(form, 'blank')).toBeUndefined();
    expect(optionalText(form, 'missing')).toBeUndefined();
    expect(optionalText(form, 'name')).toBe(' Ann ');
  });

  it('reads a checkbox by its presence', () => {
    expect(checked(form, 'tick')).toBe(true);
    expect(checked(form, 'missing')).toBe(false);
    expect(checked(formData([['tick', 'false']]), 'tick')).toBe(false);
  });

  it('collects values to fill the form again, joining repeated fields', () => {
    expect(formValues(form, ['name', 'multi', 'missing'])).toEqual({ name: ' Ann ', multi: 'read,update', missing: '' });
  });
});
