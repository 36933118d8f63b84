export * from './resident-id';
export * from './uscc';
export * from './mobile';
export * from './mask';
export type { Invalid } from './validation';
