import { isPlatform } from '../channels/channel.js';
import type { ManualWhy } from '../channels/outbound.js';
import { CHANNELS } from '../channels/registry.js';
import type { PlannedStep, TaskKind } from './execution-plan.js';

// What each outbox step is called by the platform senders (src/ingest/outbox.ts).
const OUTBOX_KIND: Partial<Record<TaskKind, string>> = {
  refund: 'agree_refund',
  return_instruction: 'return_instruction',
};

/**
 * Where one planned step goes:
 * - outbox: the platform has an API for it on this case (the sender will call it);
 * - manual: a platform act a person must do in the platform's back office (or by hand for a shop
 *   without a platform) — an open to-do, never an outbox row that can only fail;
 * - task: a step that was always a person's (watch a parcel, check satisfaction…).
 */
export type StepRoute =
  | { via: 'outbox'; outboxKind: string }
  | { via: 'manual'; why: ManualWhy | 'no_platform' }
  | { via: 'task' };

/**
 * Pure: the route of a step for a shop's platform (null: no shop) and the platform case the case is
 * linked to (`aftersale:<id>`, `service:<id>`…, null: none). It asks the same capability table the
 * outbox sender refuses by, so a step is queued only when the sender can send it.
 */
export function routeStep(
  step: Pick<PlannedStep, 'kind' | 'via'>,
  platform: string | null,
  caseRef: string | null,
): StepRoute {
  const outboxKind = step.via === 'outbox' ? OUTBOX_KIND[step.kind] : undefined;
  if (!outboxKind) return { via: 'task' };
  if (platform === null || !isPlatform(platform)) return { via: 'manual', why: 'no_platform' };
  const cap = CHANNELS[platform].capability(outboxKind, caseRef);
  return cap.mode === 'api' ? { via: 'outbox', outboxKind } : { via: 'manual', why: cap.why };
}
