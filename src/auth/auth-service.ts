import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/audit-repo.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId, UUID_PATTERN } from '../shared/ids.js';
import * as repo from './auth-repo.js';
import { hashPassword, verifyPassword } from './password.js';
import { type Actor, hasRole, type Role } from './roles.js';

export type AuthServiceDeps = { db: Db; clock: Clock; sessionTtlHours: number; openSignup: boolean };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const randomSecret = () => randomBytes(32).toString('base64url');

// Both credentials carry their tenant so the lookup is an indexed (tenant_id, hash) probe.
const SESSION_FORMAT = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;
const TOKEN_FORMAT = /^ac_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

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

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService({ db, clock, sessionTtlHours, openSignup }: AuthServiceDeps) {
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

  async function createTenant(input: { tenantName: string; email: string; password: string; name?: string }) {
    if (await repo.findUserByEmailGlobally(db, input.email)) {
      throw new AppError('EMAIL_TAKEN', 'an account with this e-mail already exists');
    }
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

    async login(email: string, password: string) {
      const user = await repo.findUserByEmailGlobally(db, email);
      // Verify even without a user so response time does not reveal which e-mails exist.
      const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
      if (!user || !ok || user.disabled) {
        throw new AppError('UNAUTHENTICATED', 'wrong e-mail or password');
      }
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

    async authenticateToken(bearer: string): Promise<Actor | null> {
      const match = TOKEN_FORMAT.exec(bearer);
      if (!match) return null;
      const hex = match[1]!;
      const tenantId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      const scope = scopeTo(db, tenantId);
      const token = await repo.findActiveToken(scope, sha256(bearer));
      if (!token) return null;
      // Updating last use on every call would make each API request a write; once a minute is enough.
      const now = clock.now();
      if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
        await repo.touchToken(scope, token.id, now);
      }
      return { tenantId, type: 'token', id: token.id, name: `token:${token.name}`, role: token.role };
    },

    async me(actor: Actor) {
      const scope = scopeTo(db, actor.tenantId);
      const tenant = await repo.findTenant(scope);
      if (!tenant) throw new AppError('UNAUTHENTICATED', 'the account no longer exists');
      const user = actor.type === 'user' && actor.id ? await repo.findUser(scope, actor.id) : undefined;
      return {
        tenant: { id: tenant.tenantId, name: tenant.name, locale: tenant.locale, timezone: tenant.timezone },
        user: user ? toUserView(user) : null,
        actor: { type: actor.type, name: actor.name, role: actor.role },
      };
    },

    async createToken(actor: Actor, input: { name: string; role?: Role | undefined }) {
      const role = input.role ?? 'agent';
      if (!hasRole(actor.role, role)) {
        throw new AppError('FORBIDDEN', `a ${actor.role} cannot create a token with the ${role} role`);
      }
      const scope = scopeTo(db, actor.tenantId);
      const token = `ac_${actor.tenantId.replaceAll('-', '')}_${randomSecret()}`;
      const now = clock.now();
      const row = await scope.transaction(async (tx) => {
        const created = await repo.insertToken(tx, {
          id: newId(),
          name: input.name,
          role,
          tokenHash: sha256(token),
          hint: `…${token.slice(-4)}`,
          createdBy: actor.id ?? actor.tenantId,
          createdAt: now,
        });
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'api_token',
              entityId: created.id,
              action: 'created',
              after: { name: input.name, role },
            },
          ],
          now,
        );
        return created;
      });
      return { token, row };
    },

    listTokens: (actor: Actor) => repo.listTokens(scopeTo(db, actor.tenantId)),

    async revokeToken(actor: Actor, id: string) {
      const scope = scopeTo(db, actor.tenantId);
      const token = await repo.findToken(scope, id);
      if (!token) throw new AppError('TOKEN_NOT_FOUND', `token ${id} not found`);
      if (token.revokedAt) return token;
      const now = clock.now();
      return scope.transaction(async (tx) => {
        const [revoked] = await repo.revokeToken(tx, id, now);
        await recordAudit(tx, actor, [{ entityType: 'api_token', entityId: id, action: 'revoked' }], now);
        return revoked ?? token;
      });
    },

    listUsers: async (actor: Actor) => (await repo.listUsers(scopeTo(db, actor.tenantId))).map(toUserView),

    async createUser(actor: Actor, input: { email: string; name: string; role: Role; password: string }) {
      if (await repo.findUserByEmailGlobally(db, input.email)) {
        throw new AppError('EMAIL_TAKEN', 'an account with this e-mail already exists');
      }
      const scope = scopeTo(db, actor.tenantId);
      const passwordHash = await hashPassword(input.password);
      const now = clock.now();
      try {
        return await scope.transaction(async (tx) => {
          const user = await repo.insertUser(tx, {
            id: newId(),
            email: input.email.toLowerCase(),
            name: input.name,
            role: input.role,
            passwordHash,
          });
          await recordAudit(
            tx,
            actor,
            [
              {
                entityType: 'user',
                entityId: user.id,
                action: 'created',
                after: { email: user.email, role: user.role },
              },
            ],
            now,
          );
          return toUserView(user);
        });
      } catch (error) {
        if (isUniqueViolation(error))
          throw new AppError('EMAIL_TAKEN', 'an account with this e-mail already exists');
        throw error;
      }
    },

    async updateUser(
      actor: Actor,
      id: string,
      input: {
        name?: string | undefined;
        role?: Role | undefined;
        disabled?: boolean | undefined;
        locale?: string | undefined;
      },
    ) {
      const scope = scopeTo(db, actor.tenantId);
      const user = await repo.findUser(scope, id);
      if (!user) throw new AppError('USER_NOT_FOUND', `user ${id} not found`);
      const selfOnly = actor.id === id && input.role === undefined && input.disabled === undefined;
      if (!selfOnly && !hasRole(actor.role, 'admin')) {
        throw new AppError('FORBIDDEN', 'only an admin can change other users, roles or access');
      }
      if (
        actor.id === id &&
        (input.disabled || (input.role && input.role !== 'admin' && user.role === 'admin'))
      ) {
        throw new AppError('CONFLICT', 'you cannot disable yourself or lower your own role');
      }
      const now = clock.now();
      return scope.transaction(async (tx) => {
        const updated = await repo.updateUser(tx, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.role !== undefined ? { role: input.role } : {}),
          ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
          ...(input.locale !== undefined ? { locale: input.locale } : {}),
        });
        if (input.disabled) await repo.deleteUserSessions(tx, id);
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'user',
              entityId: id,
              action: 'updated',
              before: { name: user.name, role: user.role, disabled: user.disabled, locale: user.locale },
              after: input,
            },
          ],
          now,
        );
        return toUserView(updated!);
      });
    },
  };
}

// A valid argon2id hash of a random string: lets login spend the same time for unknown e-mails.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$8Jx1mJ0nJ9q5H1c2C2Yl7mVQ0u5ZL0ZxKq9m3oGQ6x8';

export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if ((current as { code?: string }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
