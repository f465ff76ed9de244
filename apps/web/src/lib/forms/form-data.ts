/** Reading form posts: every value as the string the browser sent, for Zod to judge. */

/** The field's text; `''` when it is missing (or a file). */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** The field's text, or undefined when it is blank: how an optional input says "not given". */
export function optionalText(form: FormData, name: string): string | undefined {
  const value = text(form, name);
  return value.trim() === '' ? undefined : value;
}

/** A checkbox: browsers send it (as `on` by default) only when it is ticked. */
export function checked(form: FormData, name: string): boolean {
  const value = form.get(name);
  return typeof value === 'string' && value !== 'false' && value !== 'off';
}

export type FormValues = Record<string, string>;

/** What the user typed into the named fields, to fill the form again after a failure. Never pass password fields. */
export function formValues(form: FormData, names: readonly string[]): FormValues {
  const values: FormValues = {};
  for (const name of names) {
    const all = form.getAll(name).filter((v): v is string => typeof v === 'string');
    values[name] = all.length > 1 ? all.join(',') : (all[0] ?? '');
  }
  return values;
}
