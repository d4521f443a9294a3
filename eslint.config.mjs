// @ts-check
import nx from '@nx/eslint-plugin';
import angular from 'angular-eslint';
import tseslint from 'typescript-eslint';

/**
 * One flat config for the whole workspace. Module boundaries are errors (STYLE.md §5): a project
 * without tags, a cross-scope import, a sideways feature import or a framework import in the domain
 * fails `npm test`. Type-aware rules run with the TypeScript project service.
 */

/** @type {any[]} */
const DEP_CONSTRAINTS = [
  // scopes
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  {
    sourceTag: 'scope:backend',
    onlyDependOnLibsWithTags: ['scope:backend', 'scope:shared'],
    bannedExternalImports: ['@angular/*', 'zone.js'],
  },
  {
    sourceTag: 'scope:frontend',
    onlyDependOnLibsWithTags: ['scope:frontend', 'scope:shared'],
    bannedExternalImports: [
      '@nestjs/*',
      'typeorm',
      'bullmq',
      'ioredis',
      'pg',
      'pino',
      'nestjs-pino',
      'class-validator',
      'class-transformer',
    ],
  },
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['type:contracts'] },
  // types
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:feature',
      'type:ui',
      'type:data-access',
      'type:util',
      'type:jobs',
      'type:contracts',
      'type:domain',
      'type:testing',
    ],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: [
      'type:ui',
      'type:data-access',
      'type:util',
      'type:jobs',
      'type:contracts',
      'type:domain',
    ],
  },
  {
    sourceTag: 'type:jobs',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts', 'type:domain'],
  },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:domain'] },
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util', 'type:contracts', 'type:domain'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:jobs', 'type:contracts', 'type:domain'],
  },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], allowedExternalImports: [] },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: [],
    allowedExternalImports: ['luxon', 'decimal.js', 'date-holidays', 'zod'],
  },
  { sourceTag: 'type:data', onlyDependOnLibsWithTags: [] },
];

/**
 * No float money (DESIGN.md non-negotiables): in the domain's money, billing and contract code, money
 * is decimal.js (Dec) and decimal strings, never a JS number. An identifier is money-like when one of
 * its camelCase / snake_case / UPPER_CASE words is a money word (price, amount, net, vat, total, …).
 * Replaces the hand-written source lexer of libs/domain/src/money (issue 12); lint-bites proves it fires.
 */
const MONEY_WORDS = [
  'price',
  'prices',
  'amount',
  'amounts',
  'rate',
  'rates',
  'net',
  'gross',
  'vat',
  'fee',
  'fees',
  'cost',
  'costs',
  'total',
  'totals',
  'subtotal',
  'subtotals',
  'surcharge',
  'discount',
  'discounts',
  'money',
  'cents',
  'euro',
  'euros',
  'eur',
  'revenue',
  'margin',
  'bonus',
  'malus',
  'volume',
  'overhead',
  'markup',
];
const capitalised = (w) => w.charAt(0).toUpperCase() + w.slice(1);
const MONEY_NAME =
  `/(^|[^a-zA-Z])(${MONEY_WORDS.join('|')})($|[^a-z])` +
  `|(^|[a-z0-9])(${MONEY_WORDS.map(capitalised).join('|')})($|[^a-z])` +
  `|(^|_)(${MONEY_WORDS.map((w) => w.toUpperCase()).join('|')})($|_)/`;
const ARITHMETIC = String.raw`/^[-+*\/%]$/`;
const ARITHMETIC_ASSIGN = String.raw`/^[-+*\/%]=$/`;
const NO_FLOAT_MONEY = [
  { selector: "CallExpression[callee.name='parseFloat']", message: 'No parseFloat in money code: parse with Dec.' },
  {
    selector: `CallExpression[callee.name=/^(Number|parseInt)$/] Identifier[name=${MONEY_NAME}]`,
    message: 'No Number()/parseInt() of a money value: keep it a Dec or a decimal string.',
  },
  {
    selector: `CallExpression[callee.object.name='Math'] Identifier[name=${MONEY_NAME}]`,
    message: 'No Math on money: round with Dec (toMoney / roundCents).',
  },
  {
    selector: `BinaryExpression[operator=${ARITHMETIC}] > Identifier[name=${MONEY_NAME}]`,
    message: 'No arithmetic operator on money: use Dec methods (plus, times, …).',
  },
  {
    selector: `BinaryExpression[operator=${ARITHMETIC}] > MemberExpression > Identifier.property[name=${MONEY_NAME}]`,
    message: 'No arithmetic operator on money: use Dec methods (plus, times, …).',
  },
  {
    selector: `AssignmentExpression[operator=${ARITHMETIC_ASSIGN}] > Identifier[name=${MONEY_NAME}]`,
    message: 'No compound assignment on money: use Dec methods (plus, minus, …).',
  },
  {
    selector: `:matches(TSPropertySignature, PropertyDefinition)[key.name=${MONEY_NAME}] > TSTypeAnnotation > TSNumberKeyword`,
    message: 'A money-like field is a Dec or a DecimalString, never number.',
  },
  {
    selector: `Identifier[name=${MONEY_NAME}] > TSTypeAnnotation > TSNumberKeyword`,
    message: 'A money-like variable or parameter is a Dec or a DecimalString, never number.',
  },
  {
    selector: String.raw`Literal[raw=/^\d*\.\d/]`,
    message: 'No fractional number literal in money code: rates and prices are data (Dec or decimal strings).',
  },
];
const NO_TO_FIXED = {
  selector: "CallExpression[callee.property.name='toFixed']",
  message: 'Format money with toMoneyString (libs/domain/src/money), not toFixed.',
};

/** Tests and benchmarks of the domain may use test-only libraries and node built-ins. */
const DOMAIN_TEST_CONSTRAINTS = DEP_CONSTRAINTS.map((c) =>
  c.sourceTag === 'type:domain'
    ? { ...c, allowedExternalImports: [...c.allowedExternalImports, 'fast-check', 'tinybench', 'node:*'] }
    : c,
);

const BOUNDARY_OPTIONS = {
  enforceBuildableLibDependency: true,
  banTransitiveDependencies: true,
  checkDynamicDependenciesExceptions: [],
  allow: [],
};

export default [
  {
    ignores: [
      '**/*.json',
      '**/dist',
      '**/node_modules',
      '**/.nx',
      '**/.angular',
      'e2e/output',
      '**/coverage',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { ...BOUNDARY_OPTIONS, depConstraints: DEP_CONSTRAINTS }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through @leitstand/backend/core (loadConfig), not process.env.',
        },
        { object: 'describe', property: 'only', message: 'No focused tests.' },
        { object: 'it', property: 'only', message: 'No focused tests.' },
        { object: 'test', property: 'only', message: 'No focused tests.' },
        { object: 'describe', property: 'skip', message: 'No skipped tests.' },
        { object: 'it', property: 'skip', message: 'No skipped tests.' },
        { object: 'test', property: 'skip', message: 'No skipped tests.' },
        { object: 'it', property: 'todo', message: 'No todo tests.' },
        { object: 'test', property: 'todo', message: 'No todo tests.' },
      ],
      'no-restricted-globals': ['error', 'xit', 'xdescribe', 'xtest', 'fit', 'fdescribe'],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              importNames: ['IsOptional'],
              message:
                'IsOptional lets null skip every check. Use IsOptionalNotNull (null is a wrong value) or ' +
                'NullableField (null means none/clear, documented as nullable) from @leitstand/backend/core.',
            },
          ],
        },
      ],
    },
  },
  {
    // The places allowed to read the environment: the config lib, test harnesses, benchmarks, e2e.
    files: [
      'libs/backend/core/src/lib/config/**/*.ts',
      'libs/backend/testing/**/*.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'e2e/**/*.ts',
      '**/bench/**/*.ts',
      '**/test/**/*.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'describe', property: 'only' },
        { object: 'it', property: 'only' },
        { object: 'test', property: 'only' },
        { object: 'describe', property: 'skip' },
        { object: 'it', property: 'skip' },
        { object: 'test', property: 'skip' },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.spec.ts', 'libs/domain/bench/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { ...BOUNDARY_OPTIONS, depConstraints: DOMAIN_TEST_CONSTRAINTS }],
    },
  },
  {
    files: ['libs/domain/src/money/**/*.ts', 'libs/domain/src/billing/**/*.ts', 'libs/domain/src/contract/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_FLOAT_MONEY] },
  },
  {
    files: ['libs/domain/src/billing/**/*.ts', 'libs/domain/src/contract/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_FLOAT_MONEY, NO_TO_FIXED] },
  },
  {
    // Benchmarks print their figures.
    files: ['**/bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  ...tseslint.config({
    files: ['frontend/**/*.ts', 'libs/frontend/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'ls', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'ls', style: 'camelCase' }],
    },
  }),
  ...tseslint.config({
    files: ['frontend/**/*.html', 'libs/frontend/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  }),
];
