// Shared jest settings for every Node-side project (domain, backend libs and apps).
// @swc/jest transpiles TypeScript (with decorator metadata for Nest/TypeORM); type checking is the
// separate `typecheck` target, so tests stay fast.
const path = require('node:path');

const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

/** Maps the tsconfig path aliases (@leitstand/...) onto source folders for jest. */
function aliasMapper() {
  const tsconfig = require(path.join(__dirname, 'tsconfig.base.json'));
  const mapper = {};
  for (const [alias, [target]] of Object.entries(tsconfig.compilerOptions.paths)) {
    mapper[`^${alias.replace(/[/.]/g, (c) => `\\${c}`)}$`] = path.join(__dirname, target);
  }
  return mapper;
}

// Some dependencies ship ES modules only (jose, file-type and its tokenizers); jest's CommonJS
// runtime needs them compiled.
const ESM_ONLY_PACKAGES = [
  'jose',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer/inflate',
  'uint8array-extras',
  '@borewit/text-codec',
];
const esmTransform = [
  '@swc/jest',
  { ...swcTransform[1], jsc: { ...swcTransform[1].jsc, parser: { syntax: 'ecmascript' } } },
];

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': swcTransform,
    [`/node_modules/(${ESM_ONLY_PACKAGES.join('|')})/.+\\.js$`]: esmTransform,
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    ...aliasMapper(),
    // file-type's exports offer `import` only, which jest's resolver does not pick: point at its entry.
    '^file-type$': path.join(__dirname, 'node_modules/file-type/index.js'),
  },
};
