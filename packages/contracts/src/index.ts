export * from './problem.js';
export * from './health.js';
export * from './errors.js';
