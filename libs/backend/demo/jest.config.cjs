const preset = require('../../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'backend-demo',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
