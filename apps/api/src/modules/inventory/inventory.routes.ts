import {
  ProductStock,
  ProductStockParams,
  StockAdjustBody,
  StockDetail,
  StockImportJson,
  StockImportResult,
  StockLevel,
  StockList,
  StockListQuery,
  StockPaging,
  StockParams,
  StockSettingsBody,
} from '@shop/contracts/inventory';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ValidationError } from '../../platform/errors.js';
import type { MovementRow } from './inventory.repo.js';
import { productStock } from './inventory.service.js';
import type { InventoryDeps } from './inventory.types.js';
import { adjustStock, getStock, importStock, listStock, lowStock, updateStockSettings } from './stock-admin.service.js';

/** Import bodies up to 5 MiB, whatever BODY_LIMIT_BYTES says for other requests. */
const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

const toMovement = (m: MovementRow): z.input<typeof StockDetail>['ledger']['items'][number] => ({
  id: m.id,
  kind: m.kind,
  onHandDelta: m.onHandDelta,
  reservedDelta: m.reservedDelta,
  onHandAfter: m.onHandAfter,
  reservedAfter: m.reservedAfter,
  actorId: m.actorId,
  reason: m.reason,
  reference: m.reference,
  at: m.createdAt.toISOString(),
});

/** Staff stock routes under `/admin/stock` (register with `{ deps }` under `/api`). */
export const inventoryRoutes: FastifyPluginAsyncZod<{ deps: InventoryDeps }> = async (app, { deps }) => {
  const tags = ['admin: stock'];
  app.addHook('preHandler', app.authenticate);
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  app.get(
    '/admin/stock',
    {
      schema: {
        tags,
        summary: 'Stock per variant, lowest available first; filter low or out, search by SKU',
        querystring: StockListQuery,
        response: { 200: StockList },
      },
    },
    async (req) => {
      const { rows, total } = await listStock(deps, { actor: req.actor, context: req.accessContext, ...req.query });
      return { items: rows, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/admin/stock/low',
    {
      schema: {
        tags,
        summary: 'Variants at or below their low-stock threshold (out of stock included)',
        querystring: StockPaging,
        response: { 200: StockList },
      },
    },
    async (req) => {
      const { rows, total } = await lowStock(deps, { actor: req.actor, context: req.accessContext, ...req.query });
      return { items: rows, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/admin/stock/:variantId',
    {
      schema: {
        tags,
        summary: 'One variant’s stock and its ledger, newest first',
        params: StockParams,
        querystring: StockPaging,
        response: { 200: StockDetail },
      },
    },
    async (req) => {
      const { level, ledger } = await getStock(deps, {
        actor: req.actor,
        context: req.accessContext,
        variantId: req.params.variantId,
        ...req.query,
      });
      return {
        ...level,
        ledger: { items: ledger.rows.map(toMovement), total: ledger.total, page: req.query.page, pageSize: req.query.pageSize },
      };
    },
  );

  app.post(
    '/admin/stock/:variantId/adjust',
    {
      schema: {
        tags,
        summary: 'Receive or correct stock (delta) or record a count (set), with a reason',
        description:
          '409 STOCK_BELOW_RESERVED when on hand would fall below the reserved units (or 0); 404 STOCK_NOT_FOUND for an unknown variant.',
        params: StockParams,
        body: StockAdjustBody,
        response: { 200: StockLevel },
      },
    },
    async (req) => adjustStock(deps, { actor: req.actor, context: req.accessContext, variantId: req.params.variantId, ...req.body }),
  );

  app.patch(
    '/admin/stock/:variantId',
    {
      schema: {
        tags,
        summary: 'Set the low-stock threshold or the unlimited flag',
        params: StockParams,
        body: StockSettingsBody,
        response: { 200: StockLevel },
      },
    },
    async (req) =>
      updateStockSettings(deps, { actor: req.actor, context: req.accessContext, variantId: req.params.variantId, ...req.body }),
  );

  app.post(
    '/admin/stock/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Import stock counts from CSV (text/csv, or JSON { csv }): columns sku, quantity, mode (set or add); all or nothing',
        description:
          'Validated as a whole; any problem answers 400 IMPORT_INVALID with `errors: [{ row, column, code, sku, message }]` and changes nothing.',
        consumes: ['text/csv', 'application/json'],
        response: { 200: StockImportResult },
      },
    },
    async (req) => {
      let csv: string;
      if (typeof req.body === 'string') csv = req.body;
      else {
        const json = StockImportJson.safeParse(req.body);
        if (!json.success)
          throw new ValidationError(
            json.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), code: i.code, message: i.message })),
          );
        csv = json.data.csv;
      }
      const items = await importStock(deps, { actor: req.actor, context: req.accessContext, csv });
      return { applied: items.length, items };
    },
  );
};

/** The shoppers' stock route `GET /stock/products/{productId}` (register with `{ deps }` under `/api`). */
export const stockStorefrontRoutes: FastifyPluginAsyncZod<{ deps: InventoryDeps }> = async (app, { deps }) => {
  app.get(
    '/stock/products/:productId',
    {
      schema: {
        tags: ['stock'],
        summary: "A product's stock as shoppers see it: per sold variant in stock, low (with the units left) or out",
        description:
          'No counts beyond the units left while low. 404 PRODUCT_NOT_FOUND for a product shoppers cannot see. Not cached: stock moves with every order.',
        params: ProductStockParams,
        response: { 200: ProductStock },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return productStock(deps.db, req.params.productId);
    },
  );
};
