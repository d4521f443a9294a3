/**
 * A source check that fails when money is computed with JS numbers (used by `no-float-money.spec.ts`
 * over libs/domain/src/{money,billing,contract}).
 *
 * Heuristic (works on source text; comments, strings and regex literals are blanked first, template
 * literal expressions `${…}` are kept):
 *   1. `parseFloat(` anywhere.
 *   2. `Number(…)`, `parseInt(…)` or `Math.xxx(…)` whose argument mentions a money-like identifier.
 *   3. `.toFixed(` outside the money module (format money with `toMoneyString`).
 *   4. An arithmetic operator (+ - * / % and their assignments) next to a money-like identifier:
 *      `price * qty`, `net + vat`, `total += line.amount`. Decimal arithmetic is method calls
 *      (`price.times(qty)`), so it never matches.
 *   5. A money-like name declared with type `number` (`amount: number`, `netPrice?: number`).
 *   6. A fractional numeric literal (`1.19`, `0.05`): rates and prices are data, never float literals.
 * BigInt arithmetic is exempt from rule 4: it is exact integer arithmetic (the fixed-point money core,
 * amounts in BigInt cents), and TypeScript rejects mixing bigint with number, so an operator is not float
 * arithmetic when one operand is a BigInt literal (`19n`, `2n * x`) or an identifier declared as `bigint`
 * in the same file (`totalCents: bigint`, `let sumCents = 0n`, `const u = BigInt(text)`) that the file
 * never declares as `number`. Conversions (`Number(totalCents)`, `BigInt(price * 100)`) still count.
 * An identifier is money-like when one of its camelCase/snake_case words is in MONEY_WORDS.
 * A line ending in `// money-lint-ignore: <reason>` (or the line after such a comment) is exempt.
 */
export interface MoneyLintFinding {
  readonly line: number;
  readonly rule: 'parseFloat' | 'number-conversion' | 'toFixed' | 'arithmetic' | 'number-type' | 'float-literal';
  readonly text: string;
}

export const MONEY_WORDS: ReadonlySet<string> = new Set([
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
]);

/** True when one word of the identifier (camelCase / snake_case / digits split) is a money word. */
export function isMoneyIdentifier(identifier: string): boolean {
  const words = identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z]+|\s+/)
    .filter((w) => w !== '');
  return words.some((w) => MONEY_WORDS.has(w.toLowerCase()));
}

/**
 * Replaces comments, string contents and regex literals by spaces (newlines kept, so line numbers hold).
 * Template literals keep their `${ … }` expressions.
 */
export function blankNonCode(source: string): string {
  const out: string[] = [];
  const braceStack: number[] = []; // depth markers of open template expressions
  let depth = 0;
  let i = 0;
  let lastSignificant = '';
  const blank = (ch: string): string => (ch === '\n' ? '\n' : ' ');
  const readTemplate = (): void => {
    // at the char after '`' or after '}' closing an expression; copy until '`' or '${'
    while (i < source.length) {
      const ch = source.charAt(i);
      if (ch === '\\') {
        out.push(' ', blank(source.charAt(i + 1)));
        i += 2;
      } else if (ch === '`') {
        out.push('`');
        i += 1;
        lastSignificant = '`';
        return;
      } else if (ch === '$' && source.charAt(i + 1) === '{') {
        out.push('${');
        i += 2;
        depth += 1;
        braceStack.push(depth);
        lastSignificant = '{';
        return;
      } else {
        out.push(blank(ch));
        i += 1;
      }
    }
  };
  while (i < source.length) {
    const ch = source.charAt(i);
    const next = source.charAt(i + 1);
    if (ch === '/' && next === '/') {
      while (i < source.length && source.charAt(i) !== '\n') {
        out.push(' ');
        i += 1;
      }
    } else if (ch === '/' && next === '*') {
      out.push('  ');
      i += 2;
      while (i < source.length && !(source.charAt(i) === '*' && source.charAt(i + 1) === '/')) {
        out.push(blank(source.charAt(i)));
        i += 1;
      }
      out.push('  ');
      i += 2;
    } else if (ch === '"' || ch === "'") {
      out.push(ch);
      i += 1;
      while (i < source.length && source.charAt(i) !== ch && source.charAt(i) !== '\n') {
        if (source.charAt(i) === '\\') {
          out.push(' ');
          i += 1;
        }
        out.push(blank(source.charAt(i)));
        i += 1;
      }
      out.push(ch);
      i += 1;
      lastSignificant = ch;
    } else if (ch === '`') {
      out.push('`');
      i += 1;
      readTemplate();
    } else if (ch === '/' && (lastSignificant === '' || '(,=:[!&|?{};+-*%<>~^'.includes(lastSignificant))) {
      // regex literal
      out.push('/');
      i += 1;
      let inClass = false;
      while (i < source.length && source.charAt(i) !== '\n') {
        const c = source.charAt(i);
        if (c === '\\') {
          out.push('  ');
          i += 2;
          continue;
        }
        if (c === '[') {
          inClass = true;
        } else if (c === ']') {
          inClass = false;
        } else if (c === '/' && !inClass) {
          break;
        }
        out.push(' ');
        i += 1;
      }
      out.push('/');
      i += 1;
      lastSignificant = '/x';
    } else {
      if (ch === '{') {
        depth += 1;
      } else if (ch === '}') {
        if (braceStack.length > 0 && braceStack[braceStack.length - 1] === depth) {
          braceStack.pop();
          depth -= 1;
          out.push('}');
          i += 1;
          readTemplate();
          continue;
        }
        depth -= 1;
      }
      out.push(ch);
      i += 1;
      if (!/\s/.test(ch)) {
        lastSignificant = /[A-Za-z0-9_$)\]]/.test(ch) ? 'w' : ch;
      }
    }
  }
  return out.join('');
}

const KEYWORDS = new Set([
  'return',
  'typeof',
  'case',
  'throw',
  'in',
  'of',
  'yield',
  'await',
  'void',
  'delete',
  'new',
  'else',
  'instanceof',
]);

function balancedArgument(code: string, openIndex: number): string {
  let level = 0;
  for (let j = openIndex; j < code.length; j += 1) {
    const c = code.charAt(j);
    if (c === '(') {
      level += 1;
    } else if (c === ')') {
      level -= 1;
      if (level === 0) {
        return code.slice(openIndex + 1, j);
      }
    }
  }
  return code.slice(openIndex + 1);
}

/** Identifiers declared as bigint in the (blanked) source and never as number: see rule 4's exemption. */
export function bigintIdentifiers(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/([A-Za-z_$][\w$]*)\s*\??\s*:\s*(?:readonly\s+)?bigint\b/g)) {
    names.add(m[1] ?? '');
  }
  for (const m of code.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:-?\d[\d_]*n\b|BigInt\s*\()/g)) {
    names.add(m[1] ?? '');
  }
  for (const m of code.matchAll(/([A-Za-z_$][\w$]*)\s*\??\s*:\s*(?:readonly\s+)?number\b/g)) {
    names.delete(m[1] ?? '');
  }
  names.delete('');
  return names;
}

function mentionsMoney(text: string): boolean {
  return (text.match(/[A-Za-z_$][\w$]*/g) ?? []).some((id) => isMoneyIdentifier(id));
}

/** Checks one source file; `inMoneyModule` allows `.toFixed(` (the formatting point of money strings). */
export function findFloatMoney(source: string, options: { readonly inMoneyModule?: boolean } = {}): MoneyLintFinding[] {
  const code = blankNonCode(source);
  const rawLines = source.split('\n');
  const lineStarts: number[] = [0];
  for (let i = 0; i < code.length; i += 1) {
    if (code.charAt(i) === '\n') {
      lineStarts.push(i + 1);
    }
  }
  const lineOf = (index: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= index) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo + 1;
  };
  const ignored = (line: number): boolean =>
    /money-lint-ignore:\s*\S/.test(rawLines[line - 1] ?? '') ||
    /^\s*\/\/\s*money-lint-ignore:\s*\S/.test(rawLines[line - 2] ?? '');
  const findings: MoneyLintFinding[] = [];
  const report = (index: number, rule: MoneyLintFinding['rule']): void => {
    const line = lineOf(index);
    if (!ignored(line) && !findings.some((f) => f.line === line && f.rule === rule)) {
      findings.push({ line, rule, text: (rawLines[line - 1] ?? '').trim() });
    }
  };

  for (const m of code.matchAll(/\bparseFloat\s*\(/g)) {
    report(m.index, 'parseFloat');
  }
  for (const m of code.matchAll(/(?<![.\w$])(Number|parseInt|Math\.\w+)\s*\(/g)) {
    const open = m.index + m[0].length - 1;
    if (mentionsMoney(balancedArgument(code, open))) {
      report(m.index, 'number-conversion');
    }
  }
  if (options.inMoneyModule !== true) {
    for (const m of code.matchAll(/\.toFixed\s*\(/g)) {
      report(m.index, 'toFixed');
    }
  }
  // operand  operator  operand; operands are identifier chains (a.b.c), optionally followed by ) or ]
  const operand = String.raw`[A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*`;
  const binary = new RegExp(
    String.raw`(${operand})\s*[)\]]*\s*([-+*/%])(=?)(?![-+=>*/])\s*[(\s]*(${operand}|\d[\d_.]*n?)?`,
    'g',
  );
  const bigints = bigintIdentifiers(code);
  const lastWord = (chain: string): string => chain.split(/\s*\??\.\s*/).pop() ?? '';
  for (const m of code.matchAll(binary)) {
    const left = m[1] ?? '';
    const op = m[2] ?? '';
    const right = m[4] ?? '';
    const before = code.charAt(m.index - 1);
    const after = code.charAt(m.index + m[0].length - right.length - 1);
    if (op === '+' || op === '-') {
      // skip ++ / -- (the lookahead guards the operator's right side; guard its left side here)
      const opIndex = code.indexOf(op, m.index + left.length);
      if (code.charAt(opIndex - 1) === op) {
        continue;
      }
    }
    if (before === '.' && !/[\w$]/.test(code.charAt(m.index - 2))) {
      continue;
    }
    void after;
    const bigintLiteralLeft = left === 'n' && /\d/.test(code.charAt(m.index - 1));
    const bigintLiteralRight = /^\d[\d_]*n$/.test(right);
    if (bigintLiteralLeft || bigintLiteralRight || bigints.has(lastWord(left)) || bigints.has(lastWord(right))) {
      continue; // BigInt arithmetic: exact, and cannot involve a JS number
    }
    const leftWords = KEYWORDS.has(left) ? [] : left.split(/\s*\??\.\s*/);
    const rightWords = right.split(/\s*\??\.\s*/);
    if ([...leftWords, ...rightWords].some((w) => w !== '' && isMoneyIdentifier(w))) {
      report(m.index, 'arithmetic');
    }
  }
  for (const m of code.matchAll(/([A-Za-z_$][\w$]*)\s*\??\s*:\s*(?:readonly\s+)?number\b/g)) {
    if (isMoneyIdentifier(m[1] ?? '')) {
      report(m.index, 'number-type');
    }
  }
  for (const m of code.matchAll(/(?<![\w$.])\d+\.\d+(?![\w$])/g)) {
    report(m.index, 'float-literal');
  }
  return findings;
}
