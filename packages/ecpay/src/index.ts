export * from './check-mac-value.js';
export * from './logistics.js';
export * from './stage.js';
