export * from './lib/wait-for';
export * from './lib/test-env';
export * from './lib/service-process';
export * from './lib/redis-server';
export * from './lib/fixtures';
