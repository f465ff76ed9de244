import type { ServerApi } from '$lib/server/api';

/**
 * The names of the products of a page of stock rows, asked of the catalog once per product; a
 * product the catalog does not answer for is left out (the row shows its id).
 */
export async function productNames(
  api: ServerApi,
  ids: ReadonlyArray<string | null>,
): Promise<Record<string, { 'zh-TW': string; en?: string | undefined }>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const answers = await Promise.allSettled(unique.map((id) => api.catalogAdmin.product(id)));
  const names: Record<string, { 'zh-TW': string; en?: string | undefined }> = {};
  answers.forEach((answer, i) => {
    if (answer.status === 'fulfilled') names[unique[i]!] = answer.value.name;
  });
  return names;
}
