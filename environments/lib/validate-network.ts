import type { AccountConfig, EnvironmentConfig } from '../schema';

/** Network rules between an environment and the account (docs/network.md). */
export function validateNetworkSet(account: AccountConfig, environments: EnvironmentConfig[]): string[] {
  return environments
    .filter((env) => env.serverless.networkConnectivity && !account.serverlessNetworkConnectivity)
    .map((env) =>
      `environment "${env.name}": serverless.networkConnectivity: needs account.serverlessNetworkConnectivity: true (the account stack creates the ${env.aws.region} network connectivity configuration it binds)`,
    );
}
