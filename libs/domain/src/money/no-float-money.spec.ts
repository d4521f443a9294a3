import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bigintIdentifiers, blankNonCode, findFloatMoney, isMoneyIdentifier } from './no-float-money.rules';

const SRC = path.join(__dirname, '..');
const FOLDERS = ['money', 'billing', 'contract'];

function sourceFiles(folder: string): string[] {
  const dir = path.join(SRC, folder);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((f) => path.join(dir, f));
}

describe('no float money in libs/domain billing, contract and money code', () => {
  const files = FOLDERS.flatMap(sourceFiles);

  it('scans the source files of all three folders', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(FOLDERS)('%s/ does no money arithmetic on JS numbers', (folder) => {
    const findings = sourceFiles(folder).flatMap((file) =>
      findFloatMoney(readFileSync(file, 'utf8'), { inMoneyModule: folder === 'money' }).map(
        (f) => `${path.relative(SRC, file)}:${f.line} [${f.rule}] ${f.text}`,
      ),
    );
    expect(findings).toEqual([]);
  });
});

describe('the float-money check bites', () => {
  it.each([
    ['parseFloat', 'const p = parseFloat(input.price);'],
    ['number-conversion', 'const n = Number(line.amount);'],
    ['number-conversion', 'const c = Math.round(netTotal * 100) / 100;'],
    ['toFixed', 'return value.toFixed(2);'],
    ['arithmetic', 'const amount = unitPrice * quantity;'],
    ['arithmetic', 'const gross = net + vat;'],
    ['arithmetic', 'total += line.amount;'],
    ['arithmetic', 'const x = report.netUnitPrice*qty;'],
    ['arithmetic', 'const due = `${price - discount}`;'],
    ['number-type', 'interface Line { amount: number }'],
    ['number-type', 'function f(hourlyRate?: number) {}'],
    ['float-literal', 'const withVat = base.times(1.19);'],
  ])('flags %s in `%s`', (rule, snippet) => {
    expect(findFloatMoney(snippet).map((f) => f.rule)).toContain(rule);
  });

  it('accepts decimal.js arithmetic, time arithmetic and money words inside strings, comments and regexes', () => {
    const good = [
      'const amount = roundCents(unitPrice.times(quantity).times(surcharge.div(100).plus(1)));',
      'const stepEnd = Math.min(endMs, day * MS_PER_DAY + segEnd * MS_PER_MINUTE - off);',
      'for (let i = 0; i + 1 < tiers.length; i += 1) { count++; }',
      'const msg = `net ${toMoneyString(net)} + VAT`; // price * qty in a comment',
      "const label = 'price * quantity';",
      'const re = /price*amount/g;',
      'const separate = generate + iterate;',
    ].join('\n');
    expect(findFloatMoney(good)).toEqual([]);
  });

  it('accepts BigInt arithmetic: BigInt literals and identifiers declared as bigint in the file', () => {
    const good = [
      'const totalCents: bigint = 0n;',
      'function add(lineCents: bigint, feeCents?: bigint) { return lineCents + (feeCents ?? 0n); }',
      'const next = totalCents + lineCents;',
      'let sumCents = 0n;',
      'sumCents += lineCents;',
      'const vatCents = netAmount * 19n;',
      'const doubled = 2n * amountCents;',
      'const units = BigInt(text);',
      'const scaledPrice = units * price;',
      'interface Line { readonly amountCents: bigint }',
      'const gross = line.amountCents + other;',
    ].join('\n');
    expect(findFloatMoney(good)).toEqual([]);
  });

  it.each([
    ['arithmetic', 'const totalCents: bigint = 0n;\nconst gross = net + vat;'],
    ['arithmetic', 'const t = lineCents + feeCents;'],
    ['arithmetic', 'let amount: bigint = 0n;\nfunction f(amount: number) { return amount * 2; }'],
    ['arithmetic', 'const c = BigInt(price * 100);'],
    ['number-conversion', 'const totalCents: bigint = 0n;\nconst euros = Number(totalCents) / 100;'],
    ['float-literal', 'const priceCents: bigint = 1n;\nconst x = priceCents * 1.19;'],
    ['number-type', 'const amountCents: bigint = 0n;\ninterface Line { amount: number }'],
  ])('still flags %s next to BigInt code: `%s`', (rule, snippet) => {
    expect(findFloatMoney(snippet).map((f) => f.rule)).toContain(rule);
  });

  it('collects bigint identifiers, but not names the file also declares as number', () => {
    const code =
      'let a: bigint; const b = 0n; const c = BigInt(t); let d: readonly bigint[]; let a2: bigint; a2: number';
    expect([...bigintIdentifiers(code)].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('allows toFixed only in the money module, and a line marked `money-lint-ignore: <reason>`', () => {
    expect(findFloatMoney('return d.toFixed(2);', { inMoneyModule: true })).toEqual([]);
    expect(findFloatMoney('const t = price * 2; // money-lint-ignore: fixture')).toEqual([]);
    expect(findFloatMoney('const t = price * 2; // money-lint-ignore:')).toHaveLength(1);
  });

  it('reports the line number of the finding', () => {
    expect(findFloatMoney('const a = 1;\n\nconst b = fee * 3;')).toEqual([
      { line: 3, rule: 'arithmetic', text: 'const b = fee * 3;' },
    ]);
  });

  it('splits identifiers into words', () => {
    expect(isMoneyIdentifier('netUnitPrice')).toBe(true);
    expect(isMoneyIdentifier('VAT_PERCENT')).toBe(true);
    expect(isMoneyIdentifier('separate')).toBe(false);
    expect(isMoneyIdentifier('network')).toBe(false);
  });

  it('blanks comments, strings and regex literals but keeps template expressions', () => {
    expect(blankNonCode("a /* x */ 'y' `t${b * c}u`; r = /z/")).toBe("a         ' ' ` ${b * c} `; r = / /");
  });
});
