import { recordAudit } from '../audit/audit-repo.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId, UUID_PATTERN } from '../shared/ids.js';
import * as repo from './auth-repo.js';
import {
  DUMMY_HASH,
  isUniqueViolation,
  randomSecret,
  requireGoodPassword,
  SESSION_FORMAT,
  sha256,
  toUserView,
} from './credentials.js';
import { ACCOUNT_RULE, ADDRESS_RULE, createLoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from './password.js';
import type { Actor } from './roles.js';

export type SessionServiceDeps = { db: Db; clock: Clock; sessionTtlHours: number; openSignup: boolean };

/** Tenants and their first admin, log-in (throttled), console sessions. */
export function createSessionService({ db, clock, sessionTtlHours, openSignup }: SessionServiceDeps) {
  async function newSession(tenantId: string, userId: string) {
    const secret = randomSecret();
    const expiresAt = new Date(clock.now().getTime() + sessionTtlHours * 3_600_000);
    await repo.insertSession(scopeTo(db, tenantId), {
      id: newId(),
      userId,
      tokenHash: sha256(secret),
      expiresAt,
    });
    return { cookie: `${tenantId}.${secret}`, expiresAt };
  }

  const throttle = createLoginThrottle();

  async function createTenant(input: { tenantName: string; email: string; password: string; name?: string }) {
    requireGoodPassword(input.password, {
      email: input.email,
      name: input.name,
      tenantName: input.tenantName,
    });
    const tenantId = newId();
    const userId = newId();
    const passwordHash = await hashPassword(input.password);
    const now = clock.now();
    try {
      await db.transaction(async (tx) => {
        await repo.insertTenant(tx as unknown as Db, { tenantId, name: input.tenantName });
        const scope = scopeTo(tx as unknown as Db, tenantId);
        const user = await repo.insertUser(scope, {
          id: userId,
          email: input.email.toLowerCase(),
          name: input.name ?? input.email.split('@')[0]!,
          role: 'admin',
          passwordHash,
        });
        const actor: Actor = { tenantId, type: 'user', id: userId, name: user.name, role: 'admin' };
        await recordAudit(
          scope,
          actor,
          [
            {
              entityType: 'tenant',
              entityId: tenantId,
              action: 'created',
              after: { name: input.tenantName },
            },
          ],
          now,
        );
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('EMAIL_TAKEN', 'an account with this e-mail already exists');
      throw error;
    }
    return { tenantId, userId };
  }

  return {
    createTenant,

    async signupAllowed(): Promise<boolean> {
      return openSignup || (await repo.countTenants(db)) === 0;
    },

    /** First run, or open sign-up: a new tenant with its first admin, logged in. */
    async signup(input: { tenantName: string; email: string; password: string; name?: string | undefined }) {
      const allowed = openSignup || (await repo.countTenants(db)) === 0;
      if (!allowed) {
        throw new AppError('SIGNUP_CLOSED', 'sign-up is closed: ask your administrator for an account');
      }
      const { tenantId, userId } = await createTenant({
        tenantName: input.tenantName,
        email: input.email,
        password: input.password,
        ...(input.name ? { name: input.name } : {}),
      });
      return { tenantId, userId, ...(await newSession(tenantId, userId)) };
    },

    /**
     * Checks the password against each account with this e-mail (one per tenant at most) and opens a
     * session on the first that matches. Failures slow the next try down per e-mail and per address.
     */
    async login(email: string, password: string, clientAddress = 'unknown') {
      const keys = [
        { key: `acct:${email.toLowerCase()}`, rule: ACCOUNT_RULE },
        { key: `ip:${clientAddress}`, rule: ADDRESS_RULE },
      ];
      const wait = throttle.retryAfterMs(keys, clock.now().getTime());
      if (wait > 0) {
        throw new AppError(
          'RATE_LIMITED',
          `too many failed logins: try again in ${Math.ceil(wait / 1000)} s`,
        );
      }
      const candidates = await repo.findUsersByEmailGlobally(db, email);
      let user: repo.UserRow | undefined;
      // Verify even without a user so response time does not reveal which e-mails exist.
      for (const candidate of candidates.length ? candidates : [undefined]) {
        const ok = await verifyPassword(candidate?.passwordHash ?? DUMMY_HASH, password);
        if (ok && candidate && !candidate.disabled) {
          user = candidate;
          break;
        }
      }
      if (!user) {
        throttle.fail(keys, clock.now().getTime());
        throw new AppError('UNAUTHENTICATED', 'wrong e-mail or password');
      }
      throttle.succeed(keys[0]!.key);
      return {
        user: toUserView(user),
        tenantId: user.tenantId,
        ...(await newSession(user.tenantId, user.id)),
      };
    },

    async logout(cookie: string) {
      const match = SESSION_FORMAT.exec(cookie);
      if (match) await repo.deleteSession(scopeTo(db, match[1]!), sha256(match[2]!));
    },

    async authenticateSession(cookie: string): Promise<Actor | null> {
      const match = SESSION_FORMAT.exec(cookie);
      if (!match || !UUID_PATTERN.test(match[1]!)) return null;
      const found = await repo.findSession(scopeTo(db, match[1]!), sha256(match[2]!), clock.now());
      if (!found || found.user.disabled) return null;
      return {
        tenantId: found.user.tenantId,
        type: 'user',
        id: found.user.id,
        name: found.user.name,
        role: found.user.role,
      };
    },
  };
}
