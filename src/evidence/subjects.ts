import type { TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import { UUID_PATTERN } from '../shared/ids.js';

/** Which of these ids exist in the scope's tenant. */
export type SubjectLookup = (scope: TenantScope, ids: string[]) => Promise<Set<string>>;

export const SUBJECT_TYPE = /^[a-z][a-z0-9_]{1,39}$/;

/**
 * What evidence can be attached to. The set is open: a domain adds its own with one line at
 * start-up (the tables of the domains: subject-repo.ts). A subject must
 * exist in the same tenant, so nobody can file evidence on another tenant's case.
 */
export type SubjectRegistry = {
  register(type: string, lookup: SubjectLookup): void;
  types(): string[];
  /** Throws SUBJECT_NOT_FOUND (404) unless the subject exists in this tenant. */
  mustExist(scope: TenantScope, type: string, id: string): Promise<void>;
};

export function createSubjectRegistry(): SubjectRegistry {
  const lookups = new Map<string, SubjectLookup>();
  return {
    register(type, lookup) {
      if (!SUBJECT_TYPE.test(type)) throw new Error(`invalid evidence subject type ${type}`);
      lookups.set(type, lookup);
    },
    types: () => [...lookups.keys()].sort(),
    async mustExist(scope, type, id) {
      const lookup = lookups.get(type);
      if (!lookup) {
        throw new AppError(
          'VALIDATION_FAILED',
          `evidence cannot be attached to a ${type}: one of ${[...lookups.keys()].sort().join(', ')}`,
        );
      }
      const found = UUID_PATTERN.test(id) ? await lookup(scope, [id]) : new Set<string>();
      if (!found.has(id)) throw new AppError('SUBJECT_NOT_FOUND', `${type} ${id} not found`);
    },
  };
}
