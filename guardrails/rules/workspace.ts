import { resourcesOf } from '../model';
import type { Rule } from '../rule';

const KEY_FIELDS = ['managed_services_customer_managed_key_id', 'storage_customer_managed_key_id'];

export const workspaceRules: Rule[] = [
  {
    id: 'DBX-WS-001',
    severity: 'error',
    reason: 'Workspaces in protected environments encrypt managed services and storage with customer-managed keys.',
    fix: 'Keep encryption.managedServices.enabled and encryption.storage.enabled true (the default) in the environment file.',
    check: (model) => {
      if (!model.protect) return [];
      return resourcesOf(model, 'databricks_mws_workspaces').flatMap((block) => {
        const missing = KEY_FIELDS.filter((field) => typeof block.config[field] !== 'string' || block.config[field] === '');
        return missing.length === 0 ? [] : [{ block, detail: `not set: ${missing.join(', ')}` }];
      });
    },
  },
];
