const preset = require('../../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'backend-data-access',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
