import { z } from 'zod';
import { AppError } from '../shared/app-error.js';

/** The date range and cursor of the care lists. */
export const Range = { from: z.coerce.date(), to: z.coerce.date() };
export const checkRange = (q: { from: Date; to: Date }) => {
  if (q.to <= q.from) throw new AppError('VALIDATION_FAILED', 'to: must be after from');
  if (q.to.getTime() - q.from.getTime() > 400 * 86_400_000)
    throw new AppError('VALIDATION_FAILED', 'to: at most 400 days after from');
};
export const encodeCursor = (m: { createdAt: Date; id: string }) =>
  Buffer.from(JSON.stringify([m.createdAt.toISOString(), m.id])).toString('base64url');
export function decodeCursor(raw: string | undefined) {
  if (!raw) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString()) as [string, string];
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad');
    return { createdAt, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor this list gave');
  }
}
