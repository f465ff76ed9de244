/** Problem codes of the store module (the shop's own details and its legal pages). */
export const StoreErrorCodes = ['LEGAL_PAGE_NOT_FOUND'] as const;
export type StoreErrorCode = (typeof StoreErrorCodes)[number];
