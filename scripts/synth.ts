/**
 * `npm run synth`: runs the app in this process instead of through the cdktf CLI, which spends about
 * 3.5 s starting up before it runs the same app command. Same output as `cdktf synth`: the folder of
 * cdktf.json "output" (default cdktf.out) with manifest.json and stacks/<name>/cdk.tf.json, and stack
 * folders the app no longer creates removed, so `cdktf diff/deploy --skip-synth` and plain terraform
 * read it unchanged. Deploy keeps using the CLI. See docs/performance.md.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../main';

const repoRoot = path.join(__dirname, '..');

function outputDir(): string {
  const config = JSON.parse(readFileSync(path.join(repoRoot, 'cdktf.json'), 'utf8')) as { output?: string };
  return path.resolve(process.env.CDKTF_OUTDIR ?? config.output ?? 'cdktf.out');
}

const outdir = outputDir();
// The App reads its output folder from here, exactly as under `cdktf synth`.
process.env.CDKTF_OUTDIR = outdir;
main();

const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
const stacks = Object.keys(manifest.stacks);
const stacksDir = path.join(outdir, 'stacks');
// A removed environment must not leave a stale configuration behind (cdktf synth removes it too).
for (const folder of existsSync(stacksDir) ? readdirSync(stacksDir) : []) {
  if (!stacks.includes(folder)) rmSync(path.join(stacksDir, folder), { recursive: true, force: true });
}
process.stdout.write(`Generated Terraform code for the stacks: ${stacks.sort().join(', ')} in ${path.relative(process.cwd(), outdir) || '.'}\n`);
