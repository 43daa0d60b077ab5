import { recordAudit } from '../audit/audit-repo.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import * as repo from './auth-repo.js';
import { isUniqueViolation, requireGoodPassword, toUserView } from './credentials.js';
import { hashPassword } from './password.js';
import { type Actor, hasRole, type Role } from './roles.js';

type Scope = ReturnType<typeof scopeTo>;

async function requireSelfOrAdmin(scope: Scope, actor: Actor, userId: string) {
  if (actor.id !== userId && !hasRole(actor.role, 'admin')) {
    throw new AppError('FORBIDDEN', "only an admin can see or end other users' sessions");
  }
  if (!(await repo.findUser(scope, userId))) throw new AppError('USER_NOT_FOUND', `user ${userId} not found`);
}

/** The team of a tenant: who is logged in as what, accounts, roles, access and their sessions. */
export function createUserService({ db, clock }: { db: Db; clock: Clock }) {
  return {
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

    async listUsers(actor: Actor) {
      const scope = scopeTo(db, actor.tenantId);
      const sessionCounts = hasRole(actor.role, 'admin')
        ? await repo.countSessions(scope, clock.now())
        : null;
      return (await repo.listUsers(scope)).map((u) => ({
        ...toUserView(u),
        activeSessions: sessionCounts ? (sessionCounts.get(u.id) ?? 0) : null,
      }));
    },

    /** A user's live sessions (admins: anyone's in the tenant; others: their own). */
    async listSessions(actor: Actor, userId: string) {
      const scope = scopeTo(db, actor.tenantId);
      await requireSelfOrAdmin(scope, actor, userId);
      return repo.listUserSessions(scope, userId, clock.now());
    },

    /** Ends one session of a user, or all of them: the next request with it is unauthenticated. */
    async revokeSessions(actor: Actor, userId: string, sessionId?: string) {
      const scope = scopeTo(db, actor.tenantId);
      await requireSelfOrAdmin(scope, actor, userId);
      const now = clock.now();
      return scope.transaction(async (tx) => {
        const removed = sessionId
          ? await repo.deleteSessionById(tx, userId, sessionId)
          : await repo.deleteUserSessions(tx, userId);
        if (sessionId && !removed.length) throw new AppError('NOT_FOUND', `session ${sessionId} not found`);
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'user',
              entityId: userId,
              action: 'sessions_revoked',
              after: { count: removed.length },
            },
          ],
          now,
        );
        return removed.length;
      });
    },

    async createUser(actor: Actor, input: { email: string; name: string; role: Role; password: string }) {
      requireGoodPassword(input.password, { email: input.email, name: input.name });
      const scope = scopeTo(db, actor.tenantId);
      // Only this tenant's own accounts are looked at: whether another merchant uses the address stays unknown.
      if (await repo.findUserByEmail(scope, input.email)) {
        throw new AppError('EMAIL_TAKEN', 'a member of your team already has this e-mail');
      }
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
          throw new AppError('EMAIL_TAKEN', 'a member of your team already has this e-mail');
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
