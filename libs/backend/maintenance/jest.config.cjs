const preset = require('../../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'backend-maintenance',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
