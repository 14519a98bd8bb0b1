// `@tandem/sdk`: everything from `@tandem/sdk/client`, `@tandem/sdk/plugin` and `@tandem/sdk/events`.
export * from './client/index.js';
export * from './plugin/index.js';
export * from './events/index.js';
