// `node --require <this>` (NODE_OPTIONS): at exit, writes the files in the process's module cache, as a
// JSON list, to BLUEPRINT_LOADED_MODULES_FILE. Lets a test see what a command it runs has loaded.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded by node --require */
const { writeFileSync } = require('node:fs');

const target = process.env.BLUEPRINT_LOADED_MODULES_FILE;
if (target) process.on('exit', () => writeFileSync(target, JSON.stringify(Object.keys(require.cache))));
