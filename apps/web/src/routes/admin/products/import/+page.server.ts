import { fail } from '@sveltejs/kit';
import { ApiError } from '$lib/api/client';
import { text } from '$lib/forms/form-data';
import { apiFailure, invalid } from '$lib/server/forms';
import { decodeUtf8, importFormat, importRowErrors, isJson } from './import-file';
import type { Actions } from './$types';

/** Pasted text longer than this is not sent back into the textarea after a failure. */
const ECHO_LIMIT = 100_000;

export const actions: Actions = {
  /**
   * A plain multipart post (works without JS): the file, else the pasted text, goes to the API as
   * it is, as JSON or CSV. The API checks everything and creates all products as drafts, or none.
   */
  import: async ({ request, locals, url }) => {
    const { t } = locals;
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      // Beyond the web server's body limit (BODY_SIZE_LIMIT): the request never got read.
      return invalid('import', { file: t('admin.import.tooLarge') }, {});
    }
    const pasted = text(form, 'text');
    const chosen = text(form, 'format');
    const values = { text: pasted.length <= ECHO_LIMIT ? pasted : '', format: chosen };

    const file = form.get('file');
    let source: { field: 'file' | 'text'; text: string; name?: string };
    if (file instanceof File && file.size > 0) {
      const decoded = decodeUtf8(await file.arrayBuffer());
      if (decoded === undefined) return invalid('import', { file: t('admin.import.notUtf8') }, values);
      source = { field: 'file', text: decoded, name: file.name };
    } else if (pasted.trim() !== '') {
      source = { field: 'text', text: pasted };
    } else {
      return invalid('import', { file: t('admin.import.nothingChosen') }, values);
    }

    const format = importFormat({ chosen, fileName: source.name, text: source.text });
    // Fastify's JSON parser refuses a byte order mark; the CSV parser skips it.
    const body = source.text.replace(/^\uFEFF/, '');
    if (format === 'json' && !isJson(body)) return invalid('import', { [source.field]: t('fieldError.json') }, values);

    try {
      const result = await locals.api.catalogAdmin.importProducts({ text: body, format });
      return { form: 'import', created: result.created, items: result.items, format };
    } catch (err) {
      const rows = err instanceof ApiError && err.code === 'IMPORT_INVALID' ? importRowErrors(err.document) : undefined;
      if (!rows) return apiFailure(err, { form: 'import', values, t, url });
      return fail(400, { form: 'import', errors: {}, values, message: t('admin.import.nothingImported'), rows, format });
    }
  },
};
