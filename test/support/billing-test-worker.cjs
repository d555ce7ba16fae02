// A stand-in for the billing-report worker thread (scripts/lib/billing/worker.ts) in tests of readInWorkers:
// answers each file after `delays[file]` milliseconds (naming its thread), or fails on `failure.file` the way a
// thread can fail.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: a worker thread has no TypeScript loader */
const { parentPort, threadId, workerData } = require('node:worker_threads');

const { delays = {}, failure } = workerData;
parentPort.on('message', ({ index, file }) => {
  // Like the real thread, which cannot read a file without a name.
  if (typeof file !== 'string') throw new Error(`no file for index ${index}`);
  if (failure && failure.file === file) {
    if (failure.how === 'throw') throw new Error(`thrown on ${file}`);
    if (failure.how === 'exit') process.exit(3);
    parentPort.postMessage({ index, error: `cannot read ${file}` });
    return;
  }
  const problem = { file, line: 0, fields: [], reason: `read by thread ${threadId}` };
  const result = { file, refused: false, groups: [], refusedRows: 0, problems: [problem], problemCount: 1 };
  setTimeout(() => parentPort.postMessage({ index, result }), delays[file] ?? 0);
});
