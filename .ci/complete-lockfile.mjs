#!/usr/bin/env node
// Completes package-lock.json with the platform-specific optional packages (other OS/CPU builds of
// @swc/core, rollup, sass-embedded, …) that npm leaves out when the registry it installs from lacks
// some of them. Without these entries `npm ci` refuses the lockfile ("Missing: … from lock file").
// Each added entry carries its os/cpu (and libc) so npm skips it on every other platform without
// fetching it. Run after any `npm install` that changes the lockfile:  node .ci/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony'];
const CPU = [
  [/(^|-)(arm64|aarch64)(-|$)/, 'arm64'],
  [/(^|-)x64(-|$)/, 'x64'],
  [/(^|-)ia32(-|$)/, 'ia32'],
  [/(^|-)arm(-|$)|-arm-|armv7|gnueabihf|musleabihf|arm-eabi/, 'arm'],
  [/(^|-)ppc64(le)?(-|$)/, 'ppc64'],
  [/(^|-)s390x(-|$)/, 's390x'],
  [/(^|-)riscv64(-|$)/, 'riscv64'],
  [/(^|-)loong64(-|$)/, 'loong64'],
];

/** os/cpu/libc of a platform package, read from its name. */
function platformOf(name) {
  const base = name.split('/').pop();
  if (base.endsWith('all-unknown')) return { cpu: ['!arm', '!arm64', '!riscv64', '!x64'] };
  if (base.endsWith('unknown-all')) return { os: ['!android', '!darwin', '!linux', '!win32'] };
  const os = OS.find((o) => new RegExp(`(^|-)${o}(-|$)`).test(base));
  const cpu = CPU.find(([re]) => re.test(base))?.[1];
  if (!os || !cpu) return null;
  const libc = /musl/.test(base) ? ['musl'] : os === 'linux' && /gnu/.test(base) ? ['glibc'] : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

function resolvedUrl(name, version) {
  const base = name.split('/').pop();
  return `https://registry.npmjs.org/${name}/-/${base}-${version}.tgz`;
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (packages[nested] || packages[hoisted]) continue;
    const platform = platformOf(dep);
    if (!platform) continue; // not a platform build: leave it to npm
    const flags = {};
    for (const f of ['dev', 'optional', 'devOptional', 'peer']) if (entry[f]) flags[f] = true;
    if (!flags.devOptional) flags.optional = true;
    packages[hoisted] = { version, resolved: resolvedUrl(dep, version), ...flags, ...platform };
    added++;
  }
}

const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
lock.packages = sorted;
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`complete-lockfile: added ${added} platform package entr${added === 1 ? 'y' : 'ies'}\n`);
