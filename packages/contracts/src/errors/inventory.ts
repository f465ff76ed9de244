/** Problem codes of the inventory (stock) module. */
export const InventoryErrorCodes = ['INVENTORY_SHORTAGE', 'INVENTORY_ALREADY_RESERVED', 'STOCK_NOT_FOUND', 'STOCK_BELOW_RESERVED'] as const;
export type InventoryErrorCode = (typeof InventoryErrorCodes)[number];
