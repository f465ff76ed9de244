// The inventory (stock) module's public surface: the only file other modules (and modules.ts) may import.
import { routes, type ModuleContext, type ModuleParts } from '../../platform/module.js';
import { inventoryRoutes } from './inventory.routes.js';

/** Stock events: depleted / restocked (a product's availability over all its variants), low stock, reserved, released. */
export { InventoryEvents } from './inventory.events.js';
export * from './inventory.public.js';

/** The module for modules.ts: the staff stock routes under `/api/admin/stock`. */
export function inventoryModule(ctx: ModuleContext): ModuleParts {
  return { name: 'inventory', routes: [routes(inventoryRoutes, { deps: { db: ctx.db } })], eventHandlers: [], jobs: [] };
}
