export * from './resource-types';
export * from './upload';
export * from './download';
export * from './per-resource';
export * from './sync-update';
export * from './conflict';
export * from './status';
export * from './cursor';
