import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The German dictionary is merged from one file per area (`texts/*.texts.ts`) with object spread, so a key that
 * two areas both define would silently take the later area's text (the SLA report's "report.invalid" once showed
 * the service report's "Eingabe prüfen: {fields}"). Every key belongs to exactly one area.
 */
describe('dictionary areas', () => {
  it('define disjoint keys, in German and in English', async () => {
    const dir = join(__dirname, 'texts');
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.texts.ts'))) {
      const area = (await import(join(dir, file))) as Record<string, unknown>;
      for (const [name, texts] of Object.entries(area)) {
        if (!/_(DE|EN)$/.test(name) || typeof texts !== 'object' || texts === null) continue;
        for (const key of Object.keys(texts)) {
          const id = `${name.slice(-2)}:${key}`;
          const other = seen.get(id);
          if (other !== undefined && other !== file) clashes.push(`${key} (${other}, ${file})`);
          seen.set(id, file);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(100);
    expect(clashes).toEqual([]);
  });
});
