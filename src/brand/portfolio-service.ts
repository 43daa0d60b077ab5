import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { BrandPlatform, PatentType, RightKind } from '../db/schema/brand.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { evidenceOf } from './listing-repo.js';
import * as repo from './rights-repo.js';
import { validityOn } from './validity.js';

export type RightInput = {
  kind: RightKind;
  name: string;
  registrationNo: string;
  owner: string;
  jurisdiction?: string | undefined;
  classes?: number[] | undefined;
  goods?: string[] | undefined;
  patentType?: PatentType | null | undefined;
  workType?: string | null | undefined;
  validFrom?: Date | null | undefined;
  validUntil?: Date | null | undefined;
  notes?: string | undefined;
};

export type AuthorisationInput = {
  direction: 'granted' | 'received';
  partyName: string;
  platform?: BrandPlatform | null | undefined;
  sellerId?: string | null | undefined;
  sellerName?: string | null | undefined;
  rightId?: string | null | undefined;
  scope?: string | undefined;
  validFrom?: Date | null | undefined;
  validUntil?: Date | null | undefined;
};

export type PortfolioService = ReturnType<typeof createPortfolioService>;

const notFound = (what: string, id: string) =>
  new AppError('BRAND_RECORD_NOT_FOUND', `${what} ${id} not found`);

/** Rights (trademarks, copyrights, patents, company names) and authorisations, with expiry alerts. */
export function createPortfolioService({ db, clock }: { db: Db; clock: Clock }) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  function checkRight(input: Partial<RightInput>, kind: RightKind) {
    if (kind === 'trademark' && input.classes !== undefined && input.classes.length === 0) {
      throw new AppError('VALIDATION_FAILED', 'a trademark is registered in at least one Nice class (1–45)');
    }
    if (kind === 'patent' && input.patentType === null) {
      throw new AppError('VALIDATION_FAILED', 'a patent names its type: invention, utility_model or design');
    }
    if (input.validFrom && input.validUntil && input.validUntil <= input.validFrom) {
      throw new AppError('VALIDATION_FAILED', 'validUntil must come after validFrom');
    }
  }

  async function mustFindRight(actor: Actor, id: string) {
    const right = await repo.findRight(scopeOf(actor), id);
    if (!right) throw notFound('right', id);
    return right;
  }

  async function mustFindAuthorisation(actor: Actor, id: string) {
    const row = await repo.findAuthorisation(scopeOf(actor), id);
    if (!row) throw notFound('authorisation', id);
    return row;
  }

  return {
    /** Where a right or authorisation stands today (the service's clock). */
    standing: (period: Parameters<typeof validityOn>[0]) => validityOn(period, clock.now()),

    async createRight(actor: Actor, input: RightInput) {
      if (input.kind === 'trademark' && !input.classes?.length) {
        throw new AppError(
          'VALIDATION_FAILED',
          'a trademark is registered in at least one Nice class (1–45)',
        );
      }
      if (input.kind === 'patent' && !input.patentType) {
        throw new AppError(
          'VALIDATION_FAILED',
          'a patent names its type: invention, utility_model or design',
        );
      }
      checkRight(input, input.kind);
      const scope = scopeOf(actor);
      if (await repo.findRightByNumber(scope, input.kind, input.registrationNo)) {
        throw new AppError(
          'CONFLICT',
          `a ${input.kind} numbered ${input.registrationNo} is already registered`,
        );
      }
      const now = clock.now();
      return scope.transaction(async (tx) => {
        const right = await repo.insertRight(tx, {
          id: newId(),
          kind: input.kind,
          name: input.name,
          registrationNo: input.registrationNo,
          owner: input.owner,
          jurisdiction: input.jurisdiction ?? 'CN',
          classes: [...new Set(input.classes ?? [])].sort((a, b) => a - b),
          goods: input.goods ?? [],
          patentType: input.kind === 'patent' ? (input.patentType ?? null) : null,
          workType: input.workType ?? null,
          validFrom: input.validFrom ?? null,
          validUntil: input.validUntil ?? null,
          notes: input.notes ?? '',
          createdByName: actor.name,
        });
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'brand_right',
              entityId: right.id,
              action: 'created',
              after: { kind: right.kind, registrationNo: right.registrationNo },
            },
          ],
          now,
        );
        return right;
      });
    },

    async updateRight(actor: Actor, id: string, patch: Partial<Omit<RightInput, 'kind'>>) {
      const right = await mustFindRight(actor, id);
      checkRight({ validFrom: right.validFrom, validUntil: right.validUntil, ...patch }, right.kind);
      const now = clock.now();
      return scopeOf(actor).transaction(async (tx) => {
        const updated = await repo.updateRight(tx, id, {
          ...patch,
          ...(patch.classes ? { classes: [...new Set(patch.classes)].sort((a, b) => a - b) } : {}),
        });
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'brand_right',
              entityId: id,
              action: 'updated',
              after: patch as Record<string, unknown>,
            },
          ],
          now,
        );
        return updated ?? right;
      });
    },

    getRight: mustFindRight,

    /** The portfolio with each right's standing today and the documents filed on it. */
    async listRights(actor: Actor, kind?: RightKind) {
      const scope = scopeOf(actor);
      const rows = await repo.listRights(scope, kind);
      const docs = await evidenceOf(
        scope,
        'brand_right',
        rows.map((r) => r.id),
      );
      const now = clock.now();
      return rows.map((r) => ({
        right: r,
        validity: validityOn(r, now),
        documents: docs.filter((d) => d.subjectId === r.id).length,
      }));
    },

    async createAuthorisation(actor: Actor, input: AuthorisationInput) {
      if (input.direction === 'granted' && (!input.platform || !(input.sellerId || input.sellerName))) {
        throw new AppError(
          'VALIDATION_FAILED',
          'an authorisation granted to a reseller names its platform and its shop (sellerId or sellerName)',
        );
      }
      if (input.validFrom && input.validUntil && input.validUntil <= input.validFrom) {
        throw new AppError('VALIDATION_FAILED', 'validUntil must come after validFrom');
      }
      if (input.rightId) await mustFindRight(actor, input.rightId);
      const now = clock.now();
      return scopeOf(actor).transaction(async (tx) => {
        const row = await repo.insertAuthorisation(tx, {
          id: newId(),
          direction: input.direction,
          partyName: input.partyName,
          platform: input.platform ?? null,
          sellerId: input.sellerId?.trim() || null,
          sellerName: input.sellerName?.trim() || null,
          rightId: input.rightId ?? null,
          scope: input.scope ?? '',
          validFrom: input.validFrom ?? null,
          validUntil: input.validUntil ?? null,
          createdByName: actor.name,
        });
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'brand_authorisation',
              entityId: row.id,
              action: 'created',
              after: { direction: row.direction, partyName: row.partyName },
            },
          ],
          now,
        );
        return row;
      });
    },

    async revokeAuthorisation(actor: Actor, id: string) {
      const row = await mustFindAuthorisation(actor, id);
      if (row.revokedAt) throw new AppError('ILLEGAL_TRANSITION', 'the authorisation is already revoked');
      const now = clock.now();
      return scopeOf(actor).transaction(async (tx) => {
        const updated = await repo.updateAuthorisation(tx, id, { revokedAt: now });
        await recordAudit(
          tx,
          actor,
          [{ entityType: 'brand_authorisation', entityId: id, action: 'revoked' }],
          now,
        );
        return updated ?? row;
      });
    },

    getAuthorisation: mustFindAuthorisation,

    async listAuthorisations(actor: Actor, direction?: 'granted' | 'received') {
      const scope = scopeOf(actor);
      const rows = await repo.listAuthorisations(scope, direction);
      const docs = await evidenceOf(
        scope,
        'brand_authorisation',
        rows.map((r) => r.id),
      );
      const now = clock.now();
      return rows.map((a) => ({
        authorisation: a,
        validity: validityOn(a, now),
        documents: docs.filter((d) => d.subjectId === a.id).length,
      }));
    },

    /** Rights and authorisations that end within the alert window or have ended, soonest first. */
    async expiryAlerts(actor: Actor) {
      const scope = scopeOf(actor);
      const now = clock.now();
      const [rights, auths] = await Promise.all([repo.listRights(scope), repo.listAuthorisations(scope)]);
      const alerts = [
        ...rights.map((r) => ({
          type: 'right' as const,
          id: r.id,
          name: r.name,
          number: r.registrationNo,
          validUntil: r.validUntil,
          ...validityOn(r, now),
        })),
        ...auths.map((a) => ({
          type: 'authorisation' as const,
          id: a.id,
          name: a.partyName,
          number: a.direction,
          validUntil: a.validUntil,
          ...validityOn(a, now),
        })),
      ].filter((x) => x.state === 'expiring' || x.state === 'expired');
      return alerts.sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0));
    },

    async setFloor(
      actor: Actor,
      input: {
        sku: string;
        productName?: string | undefined;
        authorisationId?: string | null | undefined;
        minPriceFen: number;
      },
    ) {
      if (input.authorisationId) {
        const auth = await mustFindAuthorisation(actor, input.authorisationId);
        if (auth.direction !== 'granted') {
          throw new AppError(
            'VALIDATION_FAILED',
            'a price floor names an authorisation granted to a reseller',
          );
        }
      }
      return repo.upsertFloor(scopeOf(actor), {
        id: newId(),
        sku: input.sku,
        productName: input.productName ?? '',
        authorisationId: input.authorisationId ?? null,
        minPriceFen: input.minPriceFen,
      });
    },

    listFloors: (actor: Actor) => repo.listFloors(scopeOf(actor)),

    async deleteFloor(actor: Actor, id: string) {
      const [gone] = await repo.deleteFloor(scopeOf(actor), id);
      if (!gone) throw notFound('price floor', id);
    },
  };
}
