import * as path from 'node:path';

export const REPO_ROOT = path.join(__dirname, '..', '..');
export const EXAMPLE_ENVIRONMENTS_DIR = path.join(REPO_ROOT, 'environments');
/** The app's and scripts' TypeScript loader: `node --require REGISTER_TS file.ts` runs a file as `npm run` does. */
export const REGISTER_TS = path.join(REPO_ROOT, 'scripts', 'register-ts.cjs');
