#!/usr/bin/env node
// Proves the module-boundary rules (and the ban on class-validator's IsOptional) are alive: lints
// synthetic files that break them and fails unless ESLint reports each break. (A boundary rule that
// silently skips — e.g. without a project graph — would otherwise let every violation through.)
// Run after `nx show projects` has built the graph.
import { rmSync, writeFileSync } from 'node:fs';
import { ESLint } from 'eslint';

const cases = [
  [
    'libs/domain/src/__lint_probe__.ts',
    `import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n`,
    /not allowed to import "@nestjs\/common"/,
  ],
  [
    'libs/domain/src/__lint_probe__.ts',
    `import { TicketsService } from '@leitstand/backend/tickets';\nexport const x = TicketsService;\n`,
    /can only depend on libs tagged with|Circular dependency/,
  ],
  [
    'libs/frontend/data-access/src/__lint_probe__.ts',
    `import { loadConfig } from '@leitstand/backend/core';\nexport const x = loadConfig;\n`,
    /can only depend on libs tagged with/,
  ],
  [
    'libs/backend/tickets/src/__lint_probe__.ts',
    `import { Component } from '@angular/core';\nexport const x = Component;\n`,
    /not allowed to import "@angular\/core"/,
  ],
  [
    'libs/backend/tickets/src/__lint_probe__.ts',
    `import { IsOptional } from 'class-validator';\nexport const x = IsOptional;\n`,
    /IsOptional lets null skip every check/,
    'no-restricted-imports',
  ],
  [
    'libs/api-contracts/src/__lint_probe__.ts',
    `import { DateTime } from 'luxon';\nexport const x = DateTime;\n`,
    /not allowed to import "luxon"/,
  ],
  // No float money in the domain's money, billing and contract code (eslint.config.mjs NO_FLOAT_MONEY).
  [
    'libs/domain/src/billing/__lint_probe__.ts',
    `export const f = (input: { price: string }): number => parseFloat(input.price);\n`,
    /No parseFloat in money code/,
    'no-restricted-syntax',
  ],
  [
    'libs/domain/src/billing/__lint_probe__.ts',
    `export const f = (line: { amount: string }): number => Number(line.amount);\n`,
    /No Number\(\)\/parseInt\(\) of a money value/,
    'no-restricted-syntax',
  ],
  [
    'libs/domain/src/contract/__lint_probe__.ts',
    `export const f = (unitPrice: string, quantity: string): string => unitPrice + quantity;\n`,
    /No arithmetic operator on money/,
    'no-restricted-syntax',
  ],
  [
    'libs/domain/src/billing/__lint_probe__.ts',
    `export interface Line {\n  netPrice: number;\n}\n`,
    /A money-like field is a Dec or a DecimalString, never number/,
    'no-restricted-syntax',
  ],
  [
    'libs/domain/src/money/__lint_probe__.ts',
    `export const vatFactor = 1.19;\n`,
    /No fractional number literal in money code/,
    'no-restricted-syntax',
  ],
  [
    'libs/domain/src/billing/__lint_probe__.ts',
    `export const f = (x: number): string => x.toFixed(2);\n`,
    /Format money with toMoneyString/,
    'no-restricted-syntax',
  ],
];

// The type-aware parser only accepts files that exist inside a tsconfig, so each probe is written
// for the moment it is linted and removed right after.
const eslint = new ESLint();
let failed = 0;
for (const [filePath, code, expected, rule = '@nx/enforce-module-boundaries'] of cases) {
  let messages = [];
  try {
    writeFileSync(filePath, code);
    const [result] = await eslint.lintFiles([filePath]);
    messages = (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
  } finally {
    rmSync(filePath, { force: true });
  }
  if (!messages.some((m) => m.startsWith(rule) && expected.test(m))) {
    failed++;
    process.stderr.write(`lint-bites: ${filePath} was not flagged (${expected}); got: ${JSON.stringify(messages)}\n`);
  }
}
if (failed > 0) process.exit(1);
process.stdout.write(
  `lint-bites: all ${cases.length} violations (module boundaries, banned imports, float money) were reported\n`,
);
