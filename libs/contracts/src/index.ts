export * from './courses';
export * from './events';
export * from './identity';
export * from './pagination';
export * from './problem';
