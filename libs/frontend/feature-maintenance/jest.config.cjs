// Angular unit tests: jest-preset-angular (ts-jest, transpile-only because tsconfig sets isolatedModules;
// types are checked by the `typecheck` target) on jsdom, zoneless test environment.
const { createCjsPreset } = require('jest-preset-angular/presets');
const { moduleNameMapper } = require('../../../jest.preset.cjs');

module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  displayName: 'frontend-feature-maintenance',
  rootDir: __dirname,
  moduleNameMapper,
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
