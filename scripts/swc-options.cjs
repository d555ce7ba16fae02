// The one TypeScript transform of this repository: the app and the scripts (scripts/register-ts.cjs)
// and jest (@swc/jest in jest.config.js) compile with these SWC options. Type-checking is `npm run typecheck`.
'use strict';
module.exports = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
};
