import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..');

describe('dependencies', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };

  test('are pinned to exact versions in package.json (package-lock.json pins the rest)', () => {
    const ranged = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }).filter(([, version]) => !/^\d+\.\d+\.\d+$/.test(version));
    expect(ranged).toEqual([]);
  });

  // Jest loads expect, jest-circus, jest-snapshot and their helpers into every test file's context: a second
  // copy nested under one of them (a types package asking for a newer expect did that) is loaded and run
  // again for each file, about 30 ms of CPU per file (docs/performance.md).
  test("hold one copy of each of jest's own modules", () => {
    const copies = new Map<string, string[]>();
    for (const location of Object.keys(lock.packages)) {
      const name = location.split('node_modules/').pop()!;
      if (!/^(?:jest-[a-z-]+|@jest\/[a-z-]+|expect|pretty-format)$/.test(name)) continue;
      copies.set(name, [...(copies.get(name) ?? []), location]);
    }
    expect(copies.size).toBeGreaterThan(10);
    expect([...copies.entries()].filter(([, locations]) => locations.length > 1)).toEqual([]);
  });
});

describe('temporary files (docs/testing.md)', () => {
  test("go to the run's own folder, for the workers and the processes they start alike", () => {
    expect(path.basename(tmpdir())).toMatch(/^blueprint-test-run-/);
    expect(spawnSync('sh', ['-c', 'printf %s "$TMPDIR"'], { encoding: 'utf8' }).stdout).toBe(tmpdir());
  });
});
