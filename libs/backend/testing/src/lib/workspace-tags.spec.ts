import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WORKSPACE_ROOT } from './service-process';

/** Every Nx project must carry exactly one scope:* and one type:* tag, or the boundary rules cannot hold. */
function projectFiles(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) projectFiles(path, found);
    else if (entry === 'project.json') found.push(path);
  }
  return found;
}

describe('workspace projects', () => {
  const files = ['backend', 'frontend', 'libs', 'e2e'].flatMap((d) => projectFiles(join(WORKSPACE_ROOT, d)));

  it('finds the projects', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files.map((f) => [relative(WORKSPACE_ROOT, f), f]))('%s has one scope and one type tag', (_name, file) => {
    const tags = (JSON.parse(readFileSync(file, 'utf8')) as { tags?: string[] }).tags ?? [];
    expect(tags.filter((t) => /^scope:(shared|backend|frontend|e2e)$/.test(t))).toHaveLength(1);
    expect(tags.filter((t) => /^type:[a-z0-9-]+$/.test(t))).toHaveLength(1);
  });
});
