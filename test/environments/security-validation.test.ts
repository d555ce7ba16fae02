import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../../environments';
import { refineSecurity } from '../../environments/schema/security-rules';
import { environmentSchema, PRIVATE_LINK_SERVICES, type EnvironmentInput } from '../../environments/schema';
import { accountFixture, FIXTURE, hardenedEnvironmentFixture } from '../support/fixtures';

const account = accountFixture();
const secure = hardenedEnvironmentFixture('secure');
const groups = FIXTURE.groups; // display names by key

/** Problems reported when the hardened fixture "secure" is replaced by `change(secure)`, through the real loader. */
function problemsWith(change: (env: any) => EnvironmentInput): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'envs-'));
  writeFileSync(path.join(dir, 'account.json'), JSON.stringify(account));
  writeFileSync(path.join(dir, 'secure.json'), JSON.stringify(change(structuredClone(secure))));
  try {
    loadConfig(dir);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The temporary folder's path varies; name it SECURE.
    return error.problems.map((problem) => problem.replace(/\(\S*secure\.json\)/, '(SECURE)'));
  }
}

describe('workspace security validation', () => {
  it('accepts the hardened fixture', () => {
    expect(problemsWith((env) => env)).toEqual([]);
  });

  it('refuses groups that account.groups does not declare, naming environment, field and the keys', () => {
    const problems = problemsWith((env) => {
      env.workspaceSecurity.tokens.allowedGroups = ['admins', 'contractors'];
      env.secretScopes[0].acls[1].group = 'auditors';
      env.clusterPolicy.groups = ['dataScientists'];
      return env;
    });
    expect(problems).toEqual([
      'environment "secure" (SECURE): workspaceSecurity.tokens.allowedGroups.1: "contractors" is not a key of account.groups (admins, dataEngineers, analysts)',
      'environment "secure" (SECURE): secretScopes.0.acls.1.group: "auditors" is not a key of account.groups (admins, dataEngineers, analysts)',
      'environment "secure" (SECURE): clusterPolicy.groups.0: "dataScientists" is not a key of account.groups (admins, dataEngineers, analysts)',
    ]);
  });

  it('points a display name at its key in every section that names groups', () => {
    const problems = problemsWith((env) => {
      env.workspaceSecurity.tokens.allowedGroups = [groups.admins];
      env.secretScopes[0].acls[1].group = groups.dataEngineers;
      env.clusterPolicy.groups = [groups.analysts];
      return env;
    });
    const keys = 'is not a key of account.groups (admins, dataEngineers, analysts)';
    expect(problems).toEqual([
      `environment "secure" (SECURE): workspaceSecurity.tokens.allowedGroups.0: "${groups.admins}" ${keys}; use the key "admins" for group "${groups.admins}"`,
      `environment "secure" (SECURE): secretScopes.0.acls.1.group: "${groups.dataEngineers}" ${keys}; use the key "dataEngineers" for group "${groups.dataEngineers}"`,
      `environment "secure" (SECURE): clusterPolicy.groups.0: "${groups.analysts}" ${keys}; use the key "analysts" for group "${groups.analysts}"`,
    ]);
  });

  it.each([
    ['203.0.113.0/33', 'must be an IPv4 address'],
    ['203.0.113.1/24', 'must be an IPv4 address (203.0.113.7) or an IPv4 CIDR with its network address'],
    ['203.0.113', 'must be an IPv4 address'],
    ['2001:db8::/32', 'must be an IPv4 address'],
  ])('refuses %s in an IP access list', (address, message) => {
    const problems = problemsWith((env) => {
      env.workspaceSecurity.ipAccessLists.allow[1].addresses = [address];
      return env;
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('environment "secure" (');
    expect(problems[0]).toContain(`workspaceSecurity.ipAccessLists.allow.1.addresses.0: ${message}`);
  });

  it('refuses enabled IP access lists without an allow list, and 0.0.0.0/0', () => {
    const empty = problemsWith((env) => ({ ...env, workspaceSecurity: { ...env.workspaceSecurity, ipAccessLists: { enabled: true, block: [{ label: 'x', addresses: ['192.0.2.0/24'] }] } } }));
    expect(empty).toEqual([expect.stringContaining('workspaceSecurity.ipAccessLists.allow: enabled IP access lists need at least one allow list')]);
    const everyone = problemsWith((env) => {
      env.workspaceSecurity.ipAccessLists.allow[0].addresses = ['0.0.0.0/0'];
      return env;
    });
    expect(everyone).toEqual([expect.stringContaining('allow.0.addresses.0: 0.0.0.0/0 allows everyone')]);
  });

  it.each([[0, 'must be at least 1 day'], [731, 'must be at most 730 days'], [1.5, 'Invalid input: expected int']])('refuses a token lifetime of %s days', (days, message) => {
    const problems = problemsWith((env) => {
      env.workspaceSecurity.tokens.maxLifetimeDays = days;
      return env;
    });
    expect(problems).toEqual([expect.stringContaining(`workspaceSecurity.tokens.maxLifetimeDays: ${message}`)]);
  });

  it('never enables tokens for nobody: an empty list means the owner group', () => {
    const problems = problemsWith((env) => {
      env.workspaceSecurity.tokens.allowedGroups = [];
      return env;
    });
    expect(problems).toEqual([]);
  });

  it('refuses a compliance profile without the features it forces on', () => {
    const problems = problemsWith((env) => {
      env.workspaceSecurity.hardening.automaticClusterUpdate = false;
      return env;
    });
    expect(problems).toEqual([expect.stringContaining('workspaceSecurity.hardening.automaticClusterUpdate: must be true while complianceSecurityProfile is enabled')]);
  });

  it('refuses bad secret scope and key names, duplicate keys and unknown permissions', () => {
    const problems = problemsWith((env) => {
      env.secretScopes[0].name = 'secure jobs';
      env.secretScopes[0].secrets[1].key = 'warehouse-password';
      env.secretScopes[0].acls[0].permission = 'OWNER';
      return env;
    });
    expect(problems.join('\n')).toContain('secretScopes.0.name: scope name must be letters, digits, _ - . or @');
    expect(problems.join('\n')).toContain('secretScopes.0.acls.0.permission');
  });

  it('refuses cluster policy bounds that contradict each other and access mode NONE', () => {
    const problems = problemsWith((env) => {
      env.clusterPolicy.autoTerminationMinutes = { min: 5, max: 60, default: 90 };
      env.clusterPolicy.dataSecurityModes = ['NONE'];
      return env;
    });
    const text = problems.join('\n');
    expect(text).toContain('clusterPolicy.autoTerminationMinutes.min: must be at least 10');
    expect(text).toContain('clusterPolicy.dataSecurityModes.0: must be one of USER_ISOLATION');
  });

  it('refuses PrivateLink with an existing VPC, and endpoint subnets outside the VPC or overlapping', () => {
    const problems = problemsWith((env) => {
      env.privateLink.subnets[0].cidr = '10.4.0.0/28';
      env.privateLink.subnets[1].cidr = '10.3.0.0/28';
      return env;
    });
    expect(problems.join('\n')).toContain('privateLink.subnets.0.cidr: 10.4.0.0/28 is outside the VPC CIDR 10.3.0.0/16');
    expect(problems.join('\n')).toContain('privateLink.subnets.1.cidr: 10.3.0.0/28 overlaps subnet 10.3.0.0/19');
    const existing = problemsWith((env) => ({
      ...env,
      network: { mode: 'existing', vpcId: 'vpc-0abc12345def67890', privateSubnetIds: ['subnet-0abc12345def67890', 'subnet-0abc12345def67891'] },
    }));
    expect(existing).toEqual([expect.stringContaining('privateLink.enabled: PrivateLink is supported with network.mode "create" only')]);
  });

  it('refuses PrivateLink in a region without known endpoint service names', () => {
    const parsed = environmentSchema.parse(secure);
    const withoutRegion = { ...PRIVATE_LINK_SERVICES };
    delete withoutRegion[FIXTURE.region];
    const schema = z.any().superRefine((env, ctx) => refineSecurity(env, ctx, withoutRegion));
    const result = schema.safeParse(parsed);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      expect.stringMatching(new RegExp(`^privateLink\\.enabled: has no known Databricks endpoint service names for region ${FIXTURE.region}; supported: ap-northeast-1, .*us-west-2$`)),
    ]);
  });

  it('knows both endpoint services for every listed region, each in its own region', () => {
    for (const [region, services] of Object.entries(PRIVATE_LINK_SERVICES)) {
      for (const name of [services!.workspace, services!.relay]) expect(name).toMatch(new RegExp(`^com\\.amazonaws\\.vpce\\.${region}\\.vpce-svc-[0-9a-f]{17}$`));
      expect(services!.workspace).not.toBe(services!.relay);
    }
  });
});
