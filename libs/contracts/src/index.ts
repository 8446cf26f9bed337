export * from './courses';
export * from './discussions';
export * from './events';
export * from './identity';
export * from './notifications';
export * from './pagination';
export * from './problem';
export * from './progress';
