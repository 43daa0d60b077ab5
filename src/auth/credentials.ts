import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../shared/app-error.js';
import type * as repo from './auth-repo.js';
import { passwordProblem } from './password-policy.js';
import { hasRole, type Role } from './roles.js';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const randomSecret = () => randomBytes(32).toString('base64url');

// Both credentials carry their tenant so the lookup is an indexed (tenant_id, hash) probe.
export const SESSION_FORMAT = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;
export const TOKEN_FORMAT = /^ac_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

// A valid argon2id hash of a random string: lets login spend the same time for unknown e-mails.
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$8Jx1mJ0nJ9q5H1c2C2Yl7mVQ0u5ZL0ZxKq9m3oGQ6x8';

export const lowerRole = (a: Role, b: Role): Role => (hasRole(a, b) ? b : a);

/** Refuses a password that is short, common or built from the account's own details (400). */
export function requireGoodPassword(password: string, account: Parameters<typeof passwordProblem>[1]) {
  const problem = passwordProblem(password, account);
  if (problem) throw new AppError('WEAK_PASSWORD', `invalid body: password: ${problem}`);
}

export type UserView = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
  disabled: boolean;
};

export const toUserView = (u: repo.UserRow): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  locale: u.locale,
  disabled: u.disabled,
});

export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if ((current as { code?: string }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
