import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { AppError, type AppErrorCode } from '../shared/app-error.js';

/** A command refused for a business reason: answered with its code and written to the audit log. */
export class Refusal extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly entity: { type: string; id: string },
    readonly detail: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * Runs a command; a Refusal thrown inside (even inside its rolled-back transaction) is audited
 * on its own and answered as an AppError.
 */
export async function auditRefusals<T>(
  scope: TenantScope,
  actor: Actor,
  now: () => Date,
  action: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    await recordAudit(
      scope,
      actor,
      [
        {
          entityType: error.entity.type,
          entityId: error.entity.id,
          action: `${action}_refused`,
          after: { code: error.code, reason: error.message, ...error.detail },
        },
      ],
      now(),
    );
    // The client words the refusal itself from these (its reason, amounts in fen), in its own language.
    const detail = Object.fromEntries(
      Object.entries(error.detail).filter(
        (e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number',
      ),
    );
    throw new AppError(error.code, error.message, { cause: error, detail });
  }
}
