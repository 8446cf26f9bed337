export * from './integration-context';
export * from './test-clock';
export * from './test-config';
export * from './test-database';
export * from './test-server';
export * from './statements';
