// `@tandem/sdk`: everything from `@tandem/sdk/client` and `@tandem/sdk/plugin`.
export * from './client/index.js';
export * from './plugin/index.js';
