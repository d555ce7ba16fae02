// Numbered scratch folders under one temporary directory, removed after the test file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Returns `folderWith(files)`: a new folder holding `files` (name, possibly `sub/name`, -> content); its path. */
export function scratchFolders(prefix: string): (files: Record<string, string>) => string {
  const scratch = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  let folders = 0;
  return (files) => {
    const dir = path.join(scratch, String((folders += 1)));
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    return dir;
  };
}
