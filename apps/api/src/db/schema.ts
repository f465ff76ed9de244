// Every table of every module, for Drizzle's relational queries and drizzle-kit.
export * from '../platform/outbox.tables.js';
export * from '../platform/scheduler.tables.js';
