import { resourcesOf, synthApp } from '../support/synth';

const stacks = synthApp();

// Provider 1.99 docs mark account_id on databricks_mws_credentials deprecated: the account provider supplies it.
it.each(Object.keys(stacks))('%s: no databricks_mws_credentials sets the deprecated account_id', (name) => {
  for (const [, credentials] of resourcesOf(stacks[name], 'databricks_mws_credentials')) {
    expect(credentials).not.toHaveProperty('account_id');
    expect(credentials.provider).toBe('databricks.account');
  }
});
