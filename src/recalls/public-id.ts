import { randomBytes } from 'node:crypto';

// Crockford base32 without look-alikes: short enough to print, too many to guess (60 bits).
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newPublicId(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (let i = 0; i < 12; i++) out += ALPHABET[bytes[i]! & 31];
  return out;
}

export const PUBLIC_ID_PATTERN = /^[0-9a-hjkmnp-tv-z]{12}$/;
