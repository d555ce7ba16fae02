// Entry of a billing-report worker thread: worker threads do not inherit `--require`, so the TypeScript loader
// is registered here before worker.ts is loaded. Plain CommonJS so it needs no loader itself.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS bootstrap */
require('../../register-ts.cjs');
require('./worker.ts');
