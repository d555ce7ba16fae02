/** Finds the CSV files below the report's folder, and names what it does not read. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from './read-file';

export interface FolderListing {
  /** Relative paths, sorted so output does not depend on the file system. */
  readonly files: string[];
  /** Symbolic links and unreadable folders: each named, never skipped silently. */
  readonly problems: Problem[];
}

/**
 * Every `*.csv` below `folder`. Symbolic links (to files or folders) are not followed: a link can point at another
 * copy of the same month, which would be counted twice, or outside the download. Each one is reported instead.
 */
export function listUsageFiles(folder: string): FolderListing {
  const files: string[] = [];
  const problems: Problem[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries;
    try {
      entries = readdirSync(join(folder, dir), { withFileTypes: true });
    } catch (error) {
      problems.push({ file: dir || '.', line: 0, fields: [], reason: `cannot read the folder (${(error as NodeJS.ErrnoException).code})` });
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        problems.push({ file: path, line: 0, fields: [], reason: 'symbolic link not followed (it could count a file twice); copy the file into the folder instead' });
      } else if (entry.isDirectory()) {
        pending.push(path);
      } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.csv')) {
        files.push(path);
      }
    }
  }
  // Default sort: by UTF-16 code units, whatever the locale.
  // Stryker disable next-line EqualityOperator: paths are unique, so `<=` and `<` never differ.
  return { files: files.sort(), problems: problems.sort((a, b) => (a.file < b.file ? -1 : 1)) };
}
