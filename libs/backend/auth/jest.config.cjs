const preset = require('../../../jest.preset.cjs');

// jose ships ES modules only; jest (CommonJS runtime on Node 20) needs them compiled to CommonJS.
// Any jest project that imports @leitstand/backend/auth needs these two lines as well.
const [, swcOptions] = preset.transform['^.+\\.ts$'];

module.exports = {
  ...preset,
  displayName: 'backend-auth',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    ...preset.transform,
    '/node_modules/jose/.+\\.js$': [
      '@swc/jest',
      { ...swcOptions, jsc: { ...swcOptions.jsc, parser: { syntax: 'ecmascript' } } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
};
