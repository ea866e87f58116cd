export * from './entity-contract';
export * from './registry';
