const preset = require('../../jest.preset.cjs');

// Integration tests: real PostgreSQL, real Redis, real api/worker processes built into dist/.
module.exports = {
  ...preset,
  displayName: 'api-int',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  maxWorkers: 1,
  testTimeout: 90_000,
  // Streams (SSE) and keep-alive sockets of the global fetch may outlive the last test by seconds;
  // every test awaits its own processes' exit, so ending the run here loses nothing.
  forceExit: true,
};
