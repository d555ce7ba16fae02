// CI helper (.github/actions/prepare-stack): exports the TF_VAR_* entries of the JSON object in
// TERRAFORM_VARIABLES (the workflow's secrets) to GITHUB_ENV, masked, so terraform plan/apply get the
// apply-time secrets without listing each one in every workflow. Other entries are ignored.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS run by node in CI */
const { appendFileSync } = require('node:fs');
const { randomUUID } = require('node:crypto');

function terraformVariables(json) {
  const secrets = JSON.parse(json || '{}');
  return Object.entries(secrets).filter(([name, value]) => /^TF_VAR_\w+$/.test(name) && typeof value === 'string');
}

function exportVariables(json, envFile, log = console.log) {
  const variables = terraformVariables(json);
  for (const [name, value] of variables) {
    for (const line of value.split('\n')) if (line) log(`::add-mask::${line}`);
    // A random delimiter: a value can never end the heredoc early.
    const delimiter = `EOF_${randomUUID()}`;
    appendFileSync(envFile, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
  }
  log(`exported ${variables.length} Terraform variable(s): ${variables.map(([name]) => name).join(', ') || 'none'}`);
  return variables.map(([name]) => name);
}

module.exports = { terraformVariables, exportVariables };

if (require.main === module) {
  if (!process.env.GITHUB_ENV) {
    console.error('export-terraform-variables: GITHUB_ENV is not set (run it inside GitHub Actions)');
    process.exit(2);
  }
  exportVariables(process.env.TERRAFORM_VARIABLES, process.env.GITHUB_ENV);
}
