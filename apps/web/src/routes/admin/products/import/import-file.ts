import { ImportRowError } from '@shop/contracts/catalog-admin';
import { z } from 'zod';
import type { Translate } from '$lib/i18n';
import zhTW from '$lib/i18n/messages/zh-TW.json';

/** What `POST /api/admin/products/import` reads: a JSON array or CSV, one row per SKU. */
export type ImportFormat = 'json' | 'csv';

/** One problem of the file: `row` is the JSON item (1-based) or the CSV line (header = 1); 0 is the whole file. */
export type RowError = z.infer<typeof ImportRowError>;

/**
 * The format to send the text as: the one the user picked, else the file name's extension, else
 * the content (JSON starts with `[` or `{`; anything else is taken for CSV, whose header row is text).
 */
export function importFormat(input: { chosen: string; fileName?: string | undefined; text: string }): ImportFormat {
  if (input.chosen === 'json' || input.chosen === 'csv') return input.chosen;
  const extension = /\.([a-z]+)$/i.exec(input.fileName ?? '')?.[1]?.toLowerCase();
  if (extension === 'json') return 'json';
  if (extension === 'csv') return 'csv';
  return /^\uFEFF?\s*[[{]/.test(input.text) ? 'json' : 'csv';
}

/** The file as UTF-8 text; undefined when it is not UTF-8 (e.g. a CSV Excel saved as Big5). */
export function decodeUtf8(bytes: ArrayBuffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const ImportInvalid = z.object({ code: z.literal('IMPORT_INVALID'), errors: z.array(ImportRowError) });

/** The row errors of a 400 IMPORT_INVALID document (`ApiError.document`); undefined for any other. */
export function importRowErrors(document: unknown): RowError[] | undefined {
  const parsed = ImportInvalid.safeParse(document);
  return parsed.success ? parsed.data.errors : undefined;
}

type IssueCode = keyof typeof zhTW.admin.import.issue;
const issueCodes = new Set(Object.keys(zhTW.admin.import.issue));
const isIssueCode = (code: string | undefined): code is IssueCode => code !== undefined && issueCodes.has(code);
type Expected = keyof typeof zhTW.admin.import.expected;
const expectedTypes = new Set(Object.keys(zhTW.admin.import.expected));

/**
 * A row problem in the admin's language, from its `code` and `params`; the API's English `message`
 * only for a code this version does not know.
 */
export function rowErrorText(t: Translate, problem: RowError): string {
  if (!isIssueCode(problem.code)) return problem.message;
  const params: Record<string, string | number> = { ...problem.params };
  if (problem.code === 'INVALID_TYPE') {
    const expected = String(params.expected ?? '');
    params.expected = t(`admin.import.expected.${(expectedTypes.has(expected) ? expected : 'other') as Expected}`);
  }
  return t(`admin.import.issue.${problem.code}`, params);
}
