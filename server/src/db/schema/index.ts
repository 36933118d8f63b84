export * from './users.table';
export * from './org.table';
export * from './sync.table';
export * from './cases.table';
export * from './attachments.table';
export * from './problems.table';
export * from './trust.table';
