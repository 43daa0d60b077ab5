import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { expect, test } from 'vitest';

/**
 * `engines` is a promise to whoever installs Aftercare: every Node version it names must be one that
 * every installed package accepts too. Dependencies move their floor up (cookie 2 and
 * content-disposition 3 want Node 22), and npm only warns, so this test says it instead.
 */
const repo = fileURLToPath(new URL('../../', import.meta.url));
const declared: string = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).engines.node;

function packageFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (name.startsWith('@')) {
      packageFiles(path, out);
      continue;
    }
    const manifest = join(path, 'package.json');
    if (!existsSync(manifest)) continue;
    out.push(manifest);
    packageFiles(join(path, 'node_modules'), out);
  }
  return out;
}

test('engines is a valid range that includes the Node running the tests', () => {
  expect(semver.validRange(declared)).not.toBeNull();
  expect(semver.satisfies(process.version, declared), `${process.version} runs the tests`).toBe(true);
});

test('every installed package accepts every Node version that engines declares', () => {
  const refusing: string[] = [];
  for (const manifest of packageFiles(join(repo, 'node_modules'))) {
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    const wants = pkg.engines?.node;
    if (typeof wants !== 'string' || !semver.validRange(wants)) continue;
    if (!semver.subset(declared, wants)) refusing.push(`${pkg.name}@${pkg.version} wants node ${wants}`);
  }
  expect(refusing, 'after package.json changed, run npm ci so node_modules matches the lock').toEqual([]);
});
