const DAY_MS = 86_400_000;

/** Rights and authorisations are flagged this many days before they end (renewals take weeks). */
export const EXPIRY_ALERT_DAYS = 90;

export type Validity = 'valid' | 'expiring' | 'expired' | 'not_yet_valid' | 'revoked';

/** Where a right or an authorisation stands on a date; `daysLeft` is null when it never ends. */
export function validityOn(
  period: { validFrom: Date | null; validUntil: Date | null; revokedAt?: Date | null },
  now: Date,
  alertDays = EXPIRY_ALERT_DAYS,
): { state: Validity; daysLeft: number | null } {
  const daysLeft = period.validUntil
    ? Math.ceil((period.validUntil.getTime() - now.getTime()) / DAY_MS)
    : null;
  if (period.revokedAt && period.revokedAt <= now) return { state: 'revoked', daysLeft };
  if (period.validFrom && period.validFrom > now) return { state: 'not_yet_valid', daysLeft };
  if (period.validUntil && period.validUntil < now) return { state: 'expired', daysLeft };
  if (daysLeft !== null && daysLeft <= alertDays) return { state: 'expiring', daysLeft };
  return { state: 'valid', daysLeft };
}

export const isInForce = (period: Parameters<typeof validityOn>[0], now: Date) => {
  const { state } = validityOn(period, now);
  return state === 'valid' || state === 'expiring';
};
