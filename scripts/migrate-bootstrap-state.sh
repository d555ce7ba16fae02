#!/usr/bin/env bash
# Moves the bootstrap stack's local state into the state bucket it created (docs/day2.md#bootstrap-hand-over).
# Run once, right after the first `cdktf deploy bootstrap`, with the credentials that deployed it, after
# setting state.bootstrapBackend: 's3' in environments/account.ts.
#   npm run bootstrap:migrate-state
# BLUEPRINT_OUTDIR (default cdktf.out) and BLUEPRINT_ENVIRONMENTS_DIR are honoured, as by the app.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1

outdir="${BLUEPRINT_OUTDIR:-cdktf.out}"
stack_dir="$outdir/stacks/bootstrap"
state="$stack_dir/terraform.bootstrap.tfstate"

die() {
  printf 'bootstrap:migrate-state: %s\n' "$*" >&2
  exit 1
}

command -v terraform >/dev/null 2>&1 || die "terraform is not on PATH (Terraform >= 1.10 for the S3 backend's use_lockfile)"
[ -s "$state" ] || die "no local state at $state: deploy bootstrap first (npx cdktf deploy bootstrap), or copy the saved terraform.bootstrap.tfstate there"
# One process: the state file must be the bootstrap state (it holds the state bucket it is about to move
# into), then the switch is checked (a refusal synthesizes and backs up nothing, one error and no trace),
# then `npm run synth` writes the stack with its S3 backend.
# Node options as in package.json's synth script (docs/performance.md).
BOOTSTRAP_STATE="$state" CDKTF_OUTDIR="$outdir" node --max-semi-space-size=4 --require ./scripts/register-ts.cjs -e '
  let resources;
  try {
    resources = JSON.parse(require("node:fs").readFileSync(process.env.BOOTSTRAP_STATE, "utf8")).resources;
  } catch {
    process.exit(5);
  }
  if (!(resources ?? []).some((r) => r.type === "aws_s3_bucket" && r.mode === "managed")) process.exit(5);
  const { ConfigError, environmentsDir, loadConfig } = require("./environments");
  try {
    if (loadConfig(environmentsDir()).account.state.bootstrapBackend !== "s3") process.exit(3);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(error.message + "\n");
    process.exit(4);
  }
  require("./stacks/synth-runtime").configureSynthRuntime(); // as when synth.ts is the entry point
  require("./scripts/synth");
' >/dev/null || case $? in
  3) die "the bootstrap stack still uses the local backend: set state.bootstrapBackend: 's3' in environments/account.ts first (the local state is untouched)" ;;
  4) die "fix the environment files first (the local state is untouched)" ;;
  5) die "$state is not the bootstrap state (no aws_s3_bucket in it); nothing was changed" ;;
  *) die "synthesis failed (see above); the local state is untouched" ;;
esac

backup="$state.$(date -u +%Y%m%dT%H%M%SZ).backup"
cp -p "$state" "$backup"
echo "Backed up the local state to $backup"

# -reconfigure: start from the S3 backend alone; the state is then pushed explicitly from the backup,
# so the migration does not depend on a .terraform folder from the first deploy.
terraform -chdir="$stack_dir" init -input=false -reconfigure
terraform -chdir="$stack_dir" state push "$(cd "$(dirname "$backup")" && pwd)/$(basename "$backup")"
terraform -chdir="$stack_dir" state list | grep -q '^aws_s3_bucket\.' || die "the S3 backend shows no state bucket after the push; keep $backup and investigate"

echo "Migrated: the bootstrap state now lives in the state bucket. Commit environments/account.ts; once"
echo "'npx cdktf diff bootstrap' shows no changes, delete $state and keep $backup offline."
