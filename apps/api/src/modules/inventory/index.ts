export { InventoryEvents } from './inventory.events.js';
export * from './inventory.public.js';
