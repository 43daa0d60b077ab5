import type { TenantScope } from '../db/tenant-scope.js';
import { newId } from '../shared/ids.js';
import { DEFAULT_PLAYBOOKS } from './default-playbooks.js';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import { DEFAULT_APPROVAL_LIMITS } from './offer-rules.js';
import * as repo from './playbooks-repo.js';

/** Bump when the default library grows: tenants get the new entries, their edits are kept. */
export const SEED_VERSION = 1;

/** Seeds the default templates and playbooks the first time a tenant needs them. */
export async function ensureSeeded(scope: TenantScope, now: Date): Promise<repo.SettingsRow> {
  const settings = await repo.findSettings(scope);
  if (settings && settings.seededVersion >= SEED_VERSION) return settings;
  return scope.transaction(async (tx) => {
    const locked = await repo.lockSettings(tx, {
      approvalLimits: DEFAULT_APPROVAL_LIMITS,
      seededVersion: 0,
      updatedAt: now,
    });
    if (locked.seededVersion >= SEED_VERSION) return locked;
    await repo.insertTemplatesIfMissing(
      tx,
      DEFAULT_TEMPLATES.flatMap((t) =>
        (['zh-CN', 'en'] as const).map((locale) => ({
          id: newId(),
          key: t.key,
          locale,
          shopId: null,
          name: t.name[locale],
          body: t.body[locale],
          moment: t.moment,
          remedy: t.remedy ?? null,
          builtIn: true,
          createdAt: now,
          updatedAt: now,
        })),
      ),
    );
    await repo.insertPlaybooksIfMissing(
      tx,
      DEFAULT_PLAYBOOKS.map((p) => ({
        id: newId(),
        category: p.category,
        name: p.name.zh,
        steps: p.steps,
        enabled: true,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const [updated] = await repo.updateSettings(tx, { seededVersion: SEED_VERSION, updatedAt: now });
    return updated!;
  });
}
