import { recordAudit } from '../audit/audit-repo.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import * as repo from './auth-repo.js';
import { lowerRole, randomSecret, sha256, TOKEN_FORMAT } from './credentials.js';
import { type Actor, hasRole, type Role } from './roles.js';

/** API tokens: made by a user (or the installation), never worth more than their maker, revocable. */
export function createTokenService({ db, clock }: { db: Db; clock: Clock }) {
  /** The role a token may still use: its own, capped by its creator's; null once the creator is disabled or gone. */
  async function tokenCreatorRole(
    scope: ReturnType<typeof scopeTo>,
    createdBy: string,
    depth = 0,
  ): Promise<Role | null> {
    const user = await repo.findUser(scope, createdBy);
    if (user) return user.disabled ? null : user.role;
    const parent = depth < 3 ? await repo.findToken(scope, createdBy) : undefined;
    if (parent) {
      if (parent.revokedAt) return null;
      const above = await tokenCreatorRole(scope, parent.createdBy, depth + 1);
      return above && lowerRole(above, parent.role);
    }
    // Tokens made by the installation itself (admin CLI) name the tenant as their creator.
    return createdBy === scope.tenantId ? 'admin' : null;
  }

  return {
    async authenticateToken(bearer: string): Promise<Actor | null> {
      const match = TOKEN_FORMAT.exec(bearer);
      if (!match) return null;
      const hex = match[1]!;
      const tenantId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      const scope = scopeTo(db, tenantId);
      const token = await repo.findActiveToken(scope, sha256(bearer));
      if (!token) return null;
      // A token is never worth more than the person who made it: disabled → nothing, demoted → less.
      const creatorRole = await tokenCreatorRole(scope, token.createdBy);
      if (!creatorRole) return null;
      // Updating last use on every call would make each API request a write; once a minute is enough.
      const now = clock.now();
      if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
        await repo.touchToken(scope, token.id, now);
      }
      return {
        tenantId,
        type: 'token',
        id: token.id,
        name: `token:${token.name}`,
        role: lowerRole(token.role, creatorRole),
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
  };
}
