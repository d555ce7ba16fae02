import { readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { LOADED_MODULES_REPORTER, REPO_ROOT } from './paths';

/** The environment that makes a command list, at exit, the files it loaded into `file` (loaded-modules-reporter.cjs). */
export const reportingLoadedModules = (file: string) => ({ NODE_OPTIONS: `--require ${LOADED_MODULES_REPORTER}`, BLUEPRINT_LOADED_MODULES_FILE: file });

/** What such a command wrote: the files in its module cache. */
export const loadedFiles = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as string[];

/** cdktf's own node_modules, as Node names the files it loads there: the real path (node_modules may be a link, as in the fork test's copy). */
const CDKTF_NESTED_MODULES = path.join(realpathSync(path.join(REPO_ROOT, 'node_modules', 'cdktf')), 'node_modules') + path.sep;

/** Each loaded file under cdktf's own node_modules, as `<package>/<file>` (`archiver/index.js`). */
export const cdktfNestedFiles = (files: readonly string[]) =>
  files.filter((file) => file.startsWith(CDKTF_NESTED_MODULES)).map((file) => file.slice(CDKTF_NESTED_MODULES.length).split(path.sep).join('/'));

/** The packages under cdktf's own node_modules that `files` come from, sorted. */
export const cdktfNestedPackages = (files: readonly string[]) => [...new Set(cdktfNestedFiles(files).map((file) => file.split('/')[0]))].sort();
