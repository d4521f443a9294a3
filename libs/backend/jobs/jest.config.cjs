const preset = require('../../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'backend-jobs',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
