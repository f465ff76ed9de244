import {
  StockDetail,
  StockImportResult,
  StockLevel,
  StockList,
  type StockAdjustBody,
  type StockSettingsBody,
} from '@shop/contracts/inventory';
import type { z } from 'zod';
import type { ApiClient, QueryValue } from '$lib/api/client';
import { id } from './http';

/** Staff stock: levels, the ledger, adjustments, settings and the CSV import. */
export function inventoryEndpoints(api: ApiClient) {
  return {
    stock: (query: Record<string, QueryValue>) => api.get('/api/admin/stock', { query, schema: StockList }),
    stockDetail: (variantId: string, page: number) =>
      api.get(`/api/admin/stock/${id(variantId)}`, { query: { page, pageSize: 20 }, schema: StockDetail }),
    adjustStock: (variantId: string, body: z.input<typeof StockAdjustBody>) =>
      api.post(`/api/admin/stock/${id(variantId)}/adjust`, { body, schema: StockLevel }),
    stockSettings: (variantId: string, body: z.input<typeof StockSettingsBody>) =>
      api.patch(`/api/admin/stock/${id(variantId)}`, { body, schema: StockLevel }),
    /** All or nothing; a refused file fails with IMPORT_INVALID, its `errors` in `ApiError.document`. */
    importStock: (csv: string) =>
      api.post('/api/admin/stock/import', { body: csv, headers: { 'content-type': 'text/csv' }, schema: StockImportResult }),
  };
}
