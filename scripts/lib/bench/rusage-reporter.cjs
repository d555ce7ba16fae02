// Loaded with `node --require` when GNU time is missing: each Node process appends its own CPU time
// and peak RSS to BENCH_RUSAGE_FILE when it exits. Plain CommonJS so it needs no loader.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS preload
const { appendFileSync } = require('node:fs');

const file = process.env.BENCH_RUSAGE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    appendFileSync(file, `${JSON.stringify({ cpuUs: usage.userCPUTime + usage.systemCPUTime, maxRssKb: usage.maxRSS })}\n`);
  });
}
