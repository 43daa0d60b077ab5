import type { BrandPlatform } from '../db/schema/brand.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { CaseStep } from '../tickets/case-pipeline.js';
import type { CreatedTicket } from '../tickets/case-types.js';
import * as repo from './defence-repo.js';
import { defenceDueAt } from './defence-rules.js';
import { DEFENCE_CASE_TAG, IP_COMPLAINT_TAG } from './defence-service.js';
import { readIpNotice } from './ip-notice.js';

const PLATFORMS = new Set<string>(['pinduoduo', 'douyin', 'tiktok', 'taobao']);

const noticeText = (c: CreatedTicket) => [c.ticket.subject, c.first?.body ?? ''].join('\n');

/**
 * Brand's step: a platform notice that is an IP complaint against our shop (see ip-notice.ts)
 * becomes a defence with its answer deadline, tied to the notice's case, and the case is tagged
 * ip_complaint and raised to high severity. Cases opened for a defence by hand are left alone.
 */
export function createDefenceStep({ clock }: { clock: Clock }): CaseStep {
  return {
    name: 'brand',
    async afterCreate(ctx, created) {
      const notices = created.filter(
        (c) => c.ticket.kind === 'platform_notice' && !c.ticket.tags.includes(DEFENCE_CASE_TAG),
      );
      if (!notices.length) return undefined;
      const read = notices.flatMap((c) => {
        const notice = readIpNotice(noticeText(c), c.ticket.createdAt);
        return notice ? [{ c, notice }] : [];
      });
      if (!read.length) return undefined;
      const platforms = await repo.shopPlatforms(ctx.scope, [
        ...new Set(read.map((r) => r.c.ticket.shopId).filter((s): s is string => !!s)),
      ]);
      const already = new Set(
        (
          await repo.defencesByTickets(
            ctx.scope,
            read.map((r) => r.c.ticket.id),
          )
        ).map((d) => d.ticketId),
      );
      const now = clock.now();
      for (const { c, notice } of read) {
        if (already.has(c.ticket.id)) continue;
        const shopPlatform = c.ticket.shopId ? platforms.get(c.ticket.shopId) : undefined;
        const platform = (
          shopPlatform && PLATFORMS.has(shopPlatform) ? shopPlatform : 'other'
        ) as BrandPlatform;
        const receivedAt = c.ticket.createdAt ?? now;
        await repo.insertDefence(ctx.scope, {
          id: newId(),
          platform,
          shopId: c.ticket.shopId,
          externalRef: notice.externalRef ?? c.ticket.externalRef,
          listingTitle: notice.listingTitle ?? c.ticket.subject.slice(0, 200),
          complainant: notice.complainant ?? '',
          type: notice.type,
          rightNo: notice.rightNo,
          claim: noticeText(c).slice(0, 4000),
          source: 'platform_notice',
          receivedAt,
          responseDueAt: defenceDueAt(platform, receivedAt, notice.dueAt),
          ticketId: c.ticket.id,
          createdByName: ctx.actor.name,
        });
      }
      const tickets = await ctx.cases.setFields(
        ctx.actor,
        read.map(({ c }) => ({
          id: c.ticket.id,
          set: {
            tags: [...new Set([...c.ticket.tags, IP_COMPLAINT_TAG])],
            ...(c.ticket.severity === 'critical' ? {} : { severity: 'high' as const }),
          },
        })),
      );
      return { tickets };
    },
  };
}
