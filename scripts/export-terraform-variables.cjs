// CI helper (.github/actions/prepare-stack): exports the TF_VAR_* entries of the JSON object in
// TERRAFORM_VARIABLES (the apply job's environment secrets) to GITHUB_ENV, masked, so terraform apply
// gets the apply-time secrets without listing each one in every workflow. Other entries are ignored.
// With --plan-placeholders <cdk.tf.json>, plans get random placeholders instead of secrets.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS run by node in CI */
const { appendFileSync, readFileSync } = require('node:fs');
const { randomBytes, randomUUID } = require('node:crypto');

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

/**
 * Plans get no secrets (their GitHub environments hold none). Every sensitive variable of the stack
 * without a default gets a random, masked placeholder instead, so `terraform plan` runs; the apply
 * job re-plans with the real values. Returns the names of the placeholders.
 */
function exportPlanPlaceholders(stackJsonFile, envFile, log = console.log) {
  const stack = JSON.parse(readFileSync(stackJsonFile, 'utf8'));
  const names = Object.entries(stack.variable || {})
    .filter(([, variable]) => variable.sensitive === true && !('default' in variable))
    .map(([name]) => name)
    .sort();
  for (const name of names) {
    const value = `plan-placeholder-${randomBytes(12).toString('hex')}`;
    log(`::add-mask::${value}`);
    appendFileSync(envFile, `TF_VAR_${name}=${value}\n`);
  }
  log(`plan placeholders for ${names.length} sensitive variable(s): ${names.join(', ') || 'none'}`);
  return names;
}

module.exports = { terraformVariables, exportVariables, exportPlanPlaceholders };

if (require.main === module) {
  if (!process.env.GITHUB_ENV) {
    console.error('export-terraform-variables: GITHUB_ENV is not set (run it inside GitHub Actions)');
    process.exit(2);
  }
  if (process.argv[2] === '--plan-placeholders') exportPlanPlaceholders(process.argv[3], process.env.GITHUB_ENV);
  else exportVariables(process.env.TERRAFORM_VARIABLES, process.env.GITHUB_ENV);
}
