/**
 * The Apps Script entry. Every export here becomes a top-level function of dist/Code.js (the
 * build wraps the bundle in one namespace and generates a plain declaration per export); the
 * PIPELINE_* custom functions are generated from src/functions/catalog.ts.
 * Exports ending in `_` stay private: Apps Script never lets the client call them.
 *
 * Entry modules only wire adapters to the core; one module per feature.
 */

export * from './alerts';
export * from './board';
export * from './customFunctions';
export * from './menu';
export * from './setup';
export * from './sidebar';
