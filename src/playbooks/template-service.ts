import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { findShop } from '../shops/shop-repo.js';
import { caseLocale, caseValues, loadCase } from './case-values.js';
import type { TemplateMoment } from './default-templates.js';
import * as repo from './playbooks-repo.js';
import { ensureSeeded } from './seed.js';
import { allowsPublic, personalVariables, type TemplateAudience, templateFit } from './template-audience.js';
import { renderTemplate, type TemplateValues, unknownVariables } from './template-vars.js';

export type Locale = 'zh-CN' | 'en';

export type TemplateInput = {
  key?: string | undefined;
  locale: Locale;
  shopId?: string | undefined;
  name: string;
  body: string;
  moment?: TemplateMoment | undefined;
  remedy?: string | undefined;
  audience?: TemplateAudience | undefined;
};

/** A template declared for public replies may not carry the buyer's personal data. */
function checkAudience(body: string, audience: TemplateAudience) {
  const personal = personalVariables(body);
  if (allowsPublic(audience) && personal.length) {
    throw new AppError(
      'TEMPLATE_NOT_PUBLIC',
      `公开回复（评价回复）的模板不能含有买家个人信息：${personal.map((v) => `{${v}}`).join('、')} / a template for public replies may not contain ${personal.map((v) => `{${v}}`).join(', ')}`,
    );
  }
}

function checkVariables(body: string) {
  const unknown = unknownVariables(body);
  if (unknown.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      `unknown template variable${unknown.length > 1 ? 's' : ''}: ${unknown.map((v) => `{${v}}`).join(', ')}`,
    );
  }
}

/** Per key and locale, a shop's override wins over the tenant's template. */
export function effectiveTemplates(rows: repo.TemplateRow[], shopId: string | null): repo.TemplateRow[] {
  const byKey = new Map<string, repo.TemplateRow>();
  for (const row of rows) {
    if (row.shopId && row.shopId !== shopId) continue;
    const k = `${row.key}\u0000${row.locale}`;
    const seen = byKey.get(k);
    if (!seen || (row.shopId && !seen.shopId)) byKey.set(k, row);
  }
  return [...byKey.values()];
}

export type TemplateService = ReturnType<typeof createTemplateService>;

export function createTemplateService({ db, clock }: { db: Db; clock: Clock }) {
  const scopeOf = async (actor: Actor) => {
    const scope = scopeTo(db, actor.tenantId);
    await ensureSeeded(scope, clock.now());
    return scope;
  };
  const mustFind = async (scope: TenantScope, id: string) => {
    const row = await repo.findTemplate(scope, id);
    if (!row) throw new AppError('TEMPLATE_NOT_FOUND', `template ${id} not found`);
    return row;
  };
  const mustCase = async (scope: TenantScope, ticketId: string) => {
    const c = await loadCase(scope, ticketId);
    if (!c) throw new AppError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
    return c;
  };

  return {
    async list(
      actor: Actor,
      filter: { locale?: Locale | undefined; shopId?: string | undefined; effective?: boolean | undefined },
    ) {
      const scope = await scopeOf(actor);
      const rows = await repo.listTemplates(scope, filter);
      return filter.effective ? effectiveTemplates(rows, filter.shopId ?? null) : rows;
    },

    async get(actor: Actor, id: string) {
      return mustFind(await scopeOf(actor), id);
    },

    async create(actor: Actor, input: TemplateInput) {
      checkVariables(input.body);
      checkAudience(input.body, input.audience ?? 'private');
      const scope = await scopeOf(actor);
      if (input.shopId && !(await findShop(scope, input.shopId))) {
        throw new AppError('SHOP_NOT_FOUND', `shop ${input.shopId} not found`);
      }
      const key = input.key ?? `custom_${newId().slice(-12)}`;
      if (await repo.findTemplateByKey(scope, key, input.locale, input.shopId ?? null)) {
        throw new AppError(
          'CONFLICT',
          `a ${input.locale} template "${key}" already exists${input.shopId ? ' for this shop' : ''}`,
        );
      }
      const now = clock.now();
      const row = await repo.insertTemplate(scope, {
        id: newId(),
        key,
        locale: input.locale,
        shopId: input.shopId ?? null,
        name: input.name,
        body: input.body,
        moment: input.moment ?? 'custom',
        remedy: input.remedy ?? null,
        audience: input.audience ?? 'private',
        builtIn: false,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(
        scope,
        actor,
        [
          {
            entityType: 'template',
            entityId: row.id,
            action: 'created',
            after: { key, locale: row.locale, shopId: row.shopId, body: row.body, audience: row.audience },
          },
        ],
        now,
      );
      return row;
    },

    async update(
      actor: Actor,
      id: string,
      patch: {
        name?: string | undefined;
        body?: string | undefined;
        audience?: TemplateAudience | undefined;
      },
    ) {
      if (patch.body !== undefined) checkVariables(patch.body);
      const scope = await scopeOf(actor);
      const before = await mustFind(scope, id);
      checkAudience(patch.body ?? before.body, patch.audience ?? before.audience);
      const now = clock.now();
      const row = (await repo.updateTemplate(scope, id, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.body !== undefined ? { body: patch.body } : {}),
        ...(patch.audience !== undefined ? { audience: patch.audience } : {}),
        updatedAt: now,
      }))!;
      await recordAudit(
        scope,
        actor,
        [
          {
            entityType: 'template',
            entityId: id,
            action: 'updated',
            before: { name: before.name, body: before.body, audience: before.audience },
            after: { name: row.name, body: row.body, audience: row.audience },
          },
        ],
        now,
      );
      return row;
    },

    async remove(actor: Actor, id: string) {
      const scope = await scopeOf(actor);
      const before = await mustFind(scope, id);
      await repo.deleteTemplate(scope, id);
      await recordAudit(
        scope,
        actor,
        [
          {
            entityType: 'template',
            entityId: id,
            action: 'deleted',
            before: { key: before.key, locale: before.locale, body: before.body },
          },
        ],
        clock.now(),
      );
    },

    /** A template (or a draft body) rendered with a case's data; the caller's values win. */
    async preview(
      actor: Actor,
      input: {
        ticketId: string;
        templateId?: string | undefined;
        body?: string | undefined;
        values?: TemplateValues | undefined;
      },
    ) {
      const scope = await scopeOf(actor);
      const c = await mustCase(scope, input.ticketId);
      let body = input.body;
      let locale = caseLocale(c);
      // A draft has not declared where it goes: only its personal data is weighed.
      let audience: TemplateAudience = 'both';
      if (input.templateId) {
        const row = await mustFind(scope, input.templateId);
        body = row.body;
        locale = row.locale;
        audience = row.audience;
      }
      if (body === undefined) throw new AppError('VALIDATION_FAILED', 'give a templateId or a body');
      checkVariables(body);
      const tz = c.shop?.timezone ?? (await repo.tenantTimezone(scope));
      const values = { ...(await caseValues(scope, c, locale, actor.name, tz)), ...(input.values ?? {}) };
      return {
        ...renderTemplate(body, values),
        locale,
        values,
        fit: templateFit(audience, body, c.ticket.channel),
      };
    },

    /** The template picker of a case: the shop's effective templates, each rendered for the case. */
    async forTicket(actor: Actor, ticketId: string, locale: Locale | undefined) {
      const scope = await scopeOf(actor);
      const c = await mustCase(scope, ticketId);
      const lang = locale ?? caseLocale(c);
      const tz = c.shop?.timezone ?? (await repo.tenantTimezone(scope));
      const values = await caseValues(scope, c, lang, actor.name, tz);
      const rows = effectiveTemplates(
        await repo.listTemplates(scope, { locale: lang, shopId: c.ticket.shopId ?? undefined }),
        c.ticket.shopId,
      );
      return {
        locale: lang,
        items: rows.map((row) => ({
          template: row,
          preview: renderTemplate(row.body, values),
          fit: templateFit(row.audience, row.body, c.ticket.channel),
        })),
      };
    },
  };
}
