import { randomBytes } from 'node:crypto';
import { DEFAULT_RULES } from '../replycheck/default-rules.js';
import { checkReply, compileRules } from '../replycheck/reply-check.js';

// Crockford base32 without look-alikes: short enough to print, too many to guess (60 bits).
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

// The page's address goes into every buyer notice, and the reply check reads Latin terms anywhere in
// a message ("sb" an insult, "vx" a WeChat contact): an id holding one would get the wave refused.
let rules: ReturnType<typeof compileRules> | null = null;
const flagged = (id: string) => {
  rules ??= compileRules(DEFAULT_RULES, 'douyin');
  return checkReply(rules, id, { platform: 'douyin', publicChannel: true, locale: 'zh-CN' }).length > 0;
};

export function newPublicId(): string {
  for (;;) {
    const bytes = randomBytes(12);
    let out = '';
    for (let i = 0; i < 12; i++) out += ALPHABET[bytes[i]! & 31];
    if (!flagged(out)) return out;
  }
}

export const PUBLIC_ID_PATTERN = /^[0-9a-hjkmnp-tv-z]{12}$/;
