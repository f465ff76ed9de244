// The inventory (stock) module's public surface: the only file other modules (and modules.ts) may import.
import { routes, type ModuleContext, type ModuleParts } from '../../platform/module.js';
import { inventoryRoutes, stockStorefrontRoutes } from './inventory.routes.js';

/** Stock events: depleted / restocked (a product's availability over all its variants), low stock, reserved, released. */
export { InventoryEvents } from './inventory.events.js';
export * from './inventory.public.js';

/** The module for modules.ts: the staff stock routes under `/api/admin/stock` and the shoppers' `/api/stock/products/{id}`. */
export function inventoryModule(ctx: ModuleContext): ModuleParts {
  const deps = { db: ctx.db };
  return {
    name: 'inventory',
    routes: [routes(inventoryRoutes, { deps }), routes(stockStorefrontRoutes, { deps })],
    eventHandlers: [],
    jobs: [],
  };
}
