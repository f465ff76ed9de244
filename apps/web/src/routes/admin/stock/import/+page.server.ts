import { StockImportError } from '@shop/contracts/inventory';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError } from '$lib/api/client';
import { text } from '$lib/forms/form-data';
import { apiFailure, invalid } from '$lib/server/forms';
import { requireSection, requireStaff } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/** Pasted text longer than this is not sent back into the textarea after a failure. */
const ECHO_LIMIT = 100_000;

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  requireStaff(locals, url);
  requireSection((await parent()).adminSections, 'stock');
};

function decodeUtf8(bytes: ArrayBuffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const RowErrors = z.object({ errors: z.array(StockImportError) });

export const actions: Actions = {
  /** The file, else the pasted text, goes to the API as CSV; it applies every row or none. */
  import: async ({ request, locals, url }) => {
    requireStaff(locals, url);
    const { t } = locals;
    const form = await request.formData();
    const pasted = text(form, 'text');
    const values = { text: pasted.length <= ECHO_LIMIT ? pasted : '' };
    const file = form.get('file');
    let csv: string;
    if (file instanceof File && file.size > 0) {
      const decoded = decodeUtf8(await file.arrayBuffer());
      if (decoded === undefined) return invalid('import', { file: t('admin.stockImport.notUtf8') }, values);
      csv = decoded;
    } else if (pasted.trim() !== '') {
      csv = pasted;
    } else {
      return invalid('import', { file: t('admin.stockImport.nothingChosen') }, values);
    }
    try {
      const result = await locals.api.admin.importStock(csv);
      return { form: 'import', applied: result.applied, items: result.items };
    } catch (err) {
      const parsed = err instanceof ApiError && err.code === 'IMPORT_INVALID' ? RowErrors.safeParse(err.document) : undefined;
      if (!parsed?.success) return apiFailure(err, { form: 'import', values, t, url });
      return fail(400, { form: 'import', errors: {}, values, message: t('admin.stockImport.nothingApplied'), rows: parsed.data.errors });
    }
  },
};
