import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { BrandPlatform, ComplaintStatus, ComplaintType } from '../db/schema/brand.js';
import type { EvidenceKind } from '../db/schema/evidence.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import type { EvidenceService } from '../evidence/evidence-service.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { type Assessed, assessListings } from './assess.js';
import * as repo from './complaint-repo.js';
import { dueState, moveComplaint } from './complaint-rules.js';
import { COMPLAINT_TYPE_SPECS, complaintChecklist, IP_PORTALS } from './complaint-types.js';
import { findListing, type ListingRow, setListingStatus } from './listing-repo.js';
import type { Precheck } from './precheck.js';
import { monthOf, ratesBy, rateWithWeakFiled } from './success-rate.js';

export type ComplaintService = ReturnType<typeof createComplaintService>;

export type DraftInput = {
  listingId: string;
  accountId: string;
  type?: ComplaintType | undefined;
  rightId?: string | undefined;
  statement?: string | undefined;
  /** File even though the estimate is below the weak line (never past a failed check). */
  acceptWeak?: boolean | undefined;
};

export type MoveInput = {
  to: ComplaintStatus;
  note?: string | undefined;
  dueAt?: Date | undefined;
  externalRef?: string | undefined;
};

const LISTING_STATUS_AFTER: Partial<Record<ComplaintStatus, ListingRow['status']>> = {
  submitted: 'complained',
  accepted: 'taken_down',
  taken_down: 'taken_down',
  rejected: 'watching',
  reinstated: 'watching',
  withdrawn: 'watching',
};

const notFound = (what: string, id: string) =>
  new AppError('BRAND_RECORD_NOT_FOUND', `${what} ${id} not found`);

/** The reasons a complaint may not go ahead, in one sentence the merchant can act on. */
export function refusal(p: Precheck): string | null {
  const failed = p.reasons.filter((r) => r.state === 'fail');
  if (failed.length)
    return `the pre-check refuses this complaint: ${failed.map((r) => r.message).join('; ')}`;
  return null;
}

export function createComplaintService({
  db,
  clock,
  evidence,
}: {
  db: Db;
  clock: Clock;
  evidence: EvidenceService;
}) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function mustFind(scope: TenantScope, id: string) {
    const complaint = await repo.findComplaint(scope, id);
    if (!complaint) throw notFound('complaint', id);
    return complaint;
  }

  async function assessFor(
    scope: TenantScope,
    listing: ListingRow,
    accountId: string,
    over: { type?: ComplaintType | undefined; rightId?: string | undefined } = {},
  ): Promise<Assessed> {
    const withOverrides = {
      ...listing,
      infringement: over.type ?? listing.infringement,
      rightId: over.rightId ?? listing.rightId,
    };
    const [assessed] = await assessListings(scope, [withOverrides], clock.now(), { id: accountId });
    return assessed!;
  }

  /** Evidence that counts for a complaint: its own, its listing's and its right's (the certificate). */
  const subjectsOf = (c: { id: string; listingId: string; rightId: string }) => [
    { type: 'brand_complaint', id: c.id },
    { type: 'brand_listing', id: c.listingId },
    { type: 'brand_right', id: c.rightId },
  ];

  async function checklistOf(actor: Actor, c: repo.ComplaintRow) {
    const items = await evidence.listMany(actor, subjectsOf(c));
    return {
      items,
      checklist: complaintChecklist(
        c.type,
        items.map((i) => i.kind as EvidenceKind),
      ),
    };
  }

  return {
    async createAccount(actor: Actor, input: { platform: BrandPlatform; name: string }) {
      const saved = await repo.insertAccount(scopeOf(actor), {
        id: newId(),
        platform: input.platform,
        name: input.name.trim(),
      });
      if (!saved)
        throw new AppError('CONFLICT', `the ${input.platform} account "${input.name}" already exists`);
      return saved;
    },

    /**
     * Each complaint account with its success rate (succeeded / decided), and what the rate would
     * have been had the links the pre-check held back been filed and refused.
     */
    async accounts(actor: Actor) {
      const scope = scopeOf(actor);
      const [accounts, facts, held] = await Promise.all([
        repo.listAccounts(scope),
        repo.filedFacts(scope),
        repo.watchingTyped(scope),
      ]);
      const assessed = await assessListings(scope, held, clock.now());
      const weakByPlatform = new Map<string, number>();
      for (const a of assessed) {
        if (a.precheck.verdict === 'weak')
          weakByPlatform.set(a.listing.platform, (weakByPlatform.get(a.listing.platform) ?? 0) + 1);
      }
      const rates = new Map(ratesBy(facts, (f) => f.accountId).map((r) => [r.key, r]));
      return accounts.map((account) => {
        const rate = rates.get(account.id) ?? {
          key: account.id,
          filed: 0,
          decided: 0,
          succeeded: 0,
          failed: 0,
          pending: 0,
          successRate: null,
        };
        const mine = facts.filter((f) => f.accountId === account.id);
        const sameAccounts = accounts.filter((a) => a.platform === account.platform).length;
        // Weak links are held back per platform; with several accounts there, none is singled out.
        const weakHeld = sameAccounts === 1 ? (weakByPlatform.get(account.platform) ?? 0) : 0;
        return {
          account,
          ...rate,
          weakHeld,
          rateIfWeakFiled: rateWithWeakFiled(rate, weakHeld),
          byType: ratesBy(mine, (f) => f.type),
          byMonth: ratesBy(mine, (f) => monthOf(f.decidedAt ?? f.submittedAt)),
        };
      });
    },

    async draft(actor: Actor, input: DraftInput) {
      const scope = scopeOf(actor);
      const listing = await findListing(scope, input.listingId);
      if (!listing) throw notFound('listing', input.listingId);
      const account = await repo.findAccount(scope, input.accountId);
      if (!account) throw notFound('complaint account', input.accountId);
      if (account.platform !== listing.platform) {
        throw new AppError(
          'VALIDATION_FAILED',
          `a ${listing.platform} listing is complained about from a ${listing.platform} account, not ${account.platform}`,
        );
      }
      const assessed = await assessFor(scope, listing, account.id, input);
      const type = assessed.listing.infringement;
      const right = assessed.right;
      const refused = refusal(assessed.precheck);
      if (refused || !type || !right)
        throw new AppError('PRECHECK_FAILED', refused ?? 'name the type and the right');
      if (assessed.precheck.verdict === 'weak' && !input.acceptWeak) {
        throw new AppError(
          'PRECHECK_FAILED',
          `the estimated chance of success is ${Math.round(assessed.precheck.estimate * 100)}%, below the weak line: strengthen the evidence, or pass acceptWeak to file anyway`,
        );
      }
      if ((await repo.liveComplaintsOn(scope, [listing.id])).length) {
        throw new AppError('CONFLICT', 'this listing already has a complaint in progress');
      }
      const now = clock.now();
      return scope.transaction(async (tx) => {
        const complaint = await repo.insertComplaint(tx, {
          id: newId(),
          accountId: account.id,
          listingId: listing.id,
          rightId: right.id,
          platform: listing.platform,
          type,
          status: 'draft',
          precheckScore: assessed.precheck.score,
          precheckEstimate: assessed.precheck.estimate,
          statement: input.statement ?? '',
          createdByName: actor.name,
        });
        await repo.insertEvents(tx, [
          {
            id: newId(),
            complaintId: complaint.id,
            fromStatus: null,
            toStatus: 'draft',
            at: now,
            actorName: actor.name,
          },
        ]);
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'brand_complaint',
              entityId: complaint.id,
              action: 'drafted',
              after: { listingId: listing.id, type },
            },
          ],
          now,
        );
        return complaint;
      });
    },

    /** A status change as the platform reported it; 409 when the move is not possible from here. */
    async move(actor: Actor, id: string, input: MoveInput) {
      const scope = scopeOf(actor);
      const complaint = await mustFind(scope, id);
      const now = clock.now();
      const result = moveComplaint(complaint, input.to, now, { dueAt: input.dueAt });
      if (!result)
        throw new AppError('ILLEGAL_TRANSITION', `a ${complaint.status} complaint cannot become ${input.to}`);
      if (input.to === 'submitted') {
        const listing = await findListing(scope, complaint.listingId);
        if (!listing) throw notFound('listing', complaint.listingId);
        const assessed = await assessFor(scope, listing, complaint.accountId, {
          type: complaint.type,
          rightId: complaint.rightId,
        });
        const refused = refusal(assessed.precheck);
        if (refused) throw new AppError('PRECHECK_FAILED', refused);
        const { checklist } = await checklistOf(actor, complaint);
        if (!checklist.complete) {
          throw new AppError('PRECHECK_FAILED', `the filing package lacks: ${checklist.missing.join(', ')}`);
        }
      }
      const n = result.next;
      return scope.transaction(async (tx) => {
        const updated = await repo.updateComplaint(tx, id, {
          status: n.status,
          outcome: n.outcome,
          submittedAt: n.submittedAt,
          supplementDueAt: n.supplementDueAt,
          counterNoticeDueAt: n.counterNoticeDueAt,
          decisionExpectedBy: n.decisionExpectedBy,
          decidedAt: n.decidedAt,
          nextDueAt: n.nextDueAt,
          ...(input.externalRef ? { externalRef: input.externalRef } : {}),
        });
        const listingStatus = LISTING_STATUS_AFTER[input.to];
        if (listingStatus) await setListingStatus(tx, [complaint.listingId], listingStatus);
        await repo.insertEvents(tx, [
          {
            id: newId(),
            complaintId: id,
            fromStatus: complaint.status,
            toStatus: input.to,
            note: input.note ?? '',
            at: now,
            actorName: actor.name,
          },
        ]);
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'brand_complaint',
              entityId: id,
              action: input.to,
              before: { status: complaint.status },
              after: { status: input.to },
            },
          ],
          now,
        );
        return updated ?? complaint;
      });
    },

    async get(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const complaint = await mustFind(scope, id);
      const listing = await findListing(scope, complaint.listingId);
      const [{ items, checklist }, events] = await Promise.all([
        checklistOf(actor, complaint),
        repo.eventsOf(scope, id),
      ]);
      const now = clock.now();
      return {
        complaint,
        listing: listing ?? null,
        evidence: items,
        checklist,
        events,
        portal: IP_PORTALS[complaint.platform],
        needsTestPurchase: COMPLAINT_TYPE_SPECS[complaint.type].needsTestPurchase,
        due: complaint.nextDueAt ? dueState(complaint.nextDueAt, now) : null,
      };
    },

    list: (
      actor: Actor,
      filter: repo.ComplaintFilter,
      cursor: { v: string | null; id: string } | null,
      limit: number,
    ) => repo.listComplaints(scopeOf(actor), filter, cursor, limit),

    /** Success rates by type, platform and month of decision, for the charts. */
    async stats(actor: Actor) {
      const facts = await repo.filedFacts(scopeOf(actor));
      return {
        overall: ratesBy(facts, () => 'all')[0] ?? null,
        byType: ratesBy(facts, (f) => f.type),
        byPlatform: ratesBy(facts, (f) => f.platform),
        byMonth: ratesBy(facts, (f) => monthOf(f.decidedAt ?? f.submittedAt)),
      };
    },
  };
}
