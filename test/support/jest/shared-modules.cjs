// The libraries every test file shares instead of loading its own copy (shared-modules-environment.cjs).
'use strict';
module.exports = { SHARED_MODULES: '(?:cdktf|constructs|@cdktf/provider-[a-z]+|zod|typescript)' };
