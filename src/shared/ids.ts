import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

// uuid draws its 16 random bytes through WebCrypto on every call (2–3% of the API's CPU accepting
// webhooks); one draw of 4 KiB serves 256 ids. The sequence keeps uuid's own rule (RFC 9562 §6.2,
// method 1): within one millisecond ids count up from a random start, so they still sort by creation.
const pool = new Uint8Array(16 * 256);
let next = pool.length;
let lastMs = Number.NEGATIVE_INFINITY;
let seq = 0;

/** Time-ordered ids (UUIDv7) keep btree inserts append-mostly and sort by creation. */
export const newId = (): string => {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const random = pool.subarray(next, next + 16);
  next += 16;
  const now = Date.now();
  if (now > lastMs) {
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    lastMs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs++;
  }
  return v7({ random, msecs: lastMs, seq });
};

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
