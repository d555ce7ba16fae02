import { z } from 'zod';

/**
 * Entries of the metastore's artifact allowlists (databricks_artifact_allowlist). Databricks,
 * "Allowlist libraries and init scripts on compute with standard access mode": matching is by path
 * prefix only (PREFIX_MATCH is the only match type the provider accepts), so there are no wildcards,
 * and a directory without a trailing slash also matches its siblings (`.../scripts` matches
 * `.../scripts-other/x.sh`). Entries therefore name a file or end with `/`.
 */
const PATH_ROOT = /^(\/Volumes\/[^/\s]+\/[^/\s]+\/[^/\s]+\/|s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/)/;

const pathEntry = (kind: string, extension: string) =>
  z.string().superRefine((entry, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (/[*?[\]{}]/.test(entry)) {
      return issue(`"${entry}": no wildcards; the allowlist matches by prefix only (PREFIX_MATCH), so list the directory with a trailing slash`);
    }
    if (!PATH_ROOT.test(entry) || /\s/.test(entry)) {
      return issue(`"${entry}": must be a path inside a volume (/Volumes/<catalog>/<schema>/<volume>/...) or a bucket (s3://<bucket>/...)`);
    }
    const segments = entry.replace(PATH_ROOT, '').split('/');
    if (segments.slice(0, -1).some((s) => s === '' || s === '.' || s === '..')) {
      return issue(`"${entry}": must not contain empty, "." or ".." segments (the prefix would cover another folder)`);
    }
    if (!entry.endsWith('/') && !entry.endsWith(extension)) {
      issue(`"${entry}": end a directory with "/" (a prefix without it also matches sibling folders) or name a ${kind} file (${extension})`);
    }
  });

// Databricks allowlist docs: group:artifact covers all versions, group:artifact:version one. A bare group
// (every artifact of a publisher) is accepted by the API but refused here as too broad.
const mavenEntry = z.string().regex(/^[\w.-]+:[\w.-]+(:[\w.-]+)?$/, 'must be a Maven coordinate prefix group:artifact[:version]');

const uniqueList = <T extends z.ZodType<string>>(entry: T) =>
  z
    .array(entry)
    .default([])
    .superRefine((entries, ctx) => {
      entries.forEach((value, index) => {
        if (entries.indexOf(value) !== index) ctx.addIssue({ code: 'custom', path: [index], message: `"${value}" is listed twice` });
      });
    });

export const artifactListsSchema = z.strictObject({
  initScripts: uniqueList(pathEntry('init script', '.sh')).describe('Init scripts standard access mode may run: files (.sh) or directories ending in "/"'),
  jars: uniqueList(pathEntry('JAR', '.jar')).describe('JARs standard access mode may install: files (.jar) or directories ending in "/"'),
  mavenCoordinates: uniqueList(mavenEntry).describe('Maven coordinate prefixes standard access mode may install'),
});

export type ArtifactListsConfig = z.infer<typeof artifactListsSchema>;
