const preset = require('../../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'data-access-int',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  maxWorkers: 1,
  testTimeout: 60_000,
};
