export * from './identity';
export * from './pagination';
export * from './problem';
