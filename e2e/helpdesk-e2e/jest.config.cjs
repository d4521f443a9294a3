// e2e: jest drives playwright-core against the real stack (api + worker + built UI) on the system Chromium.
// globalSetup migrates the database and starts api and worker; globalTeardown stops them.
const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'helpdesk-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 60_000,
};
