const preset = require('../../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'backend-billing',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
