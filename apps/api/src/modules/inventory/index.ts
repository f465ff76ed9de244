// The inventory (stock) module's public surface. No tables yet: only the events it will emit, so
// that consumers can be written against their definitions now.

/** `inventory.depleted` / `inventory.restocked`: a product's availability over all its variants changed. */
export { InventoryEvents } from './inventory.events.js';
