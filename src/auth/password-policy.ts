import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 10;

// Stems of passwords Chinese users pick often that the common (mostly Western) lists score as
// strong: 我爱你 (woaini), 1314 (一生一世), 520, common surnames and given names.
const PINYIN_COMMON = [
  'woaini',
  'iloveyou',
  'aini',
  '1314',
  '520',
  '5201314',
  'zhang',
  'wang',
  'li',
  'liu',
  'chen',
  'yang',
  'zhao',
  'huang',
  'zhou',
  'wu',
  'zhangwei',
  'wangwei',
  'wangfang',
  'lina',
  'liuyang',
  'taobao',
  'pinduoduo',
  'douyin',
  'tiktok',
  'aftercare',
  'shouhou',
  'kefu',
  'dianpu',
  'qwe',
  'asd',
  'zxc',
  'qq',
  'admin',
  'mima',
  'nihao',
  'baobei',
  'laopo',
  'laogong',
];

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...dictionary, pinyin: PINYIN_COMMON },
  graphs: adjacencyGraphs,
});

/**
 * Why a new password is refused, or null: too short or too long, on the common/breached lists
 * zxcvbn-ts ships (and a few Chinese favourites), or built from the account's own details.
 * zxcvbn scores 0–4; 3 is "safely unguessable: moderate protection from offline attacks".
 */
export function passwordProblem(
  password: string,
  account: { email: string; name?: string | undefined; tenantName?: string | undefined },
): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 200) return 'at most 200 characters';
  const lower = password.toLowerCase();
  const email = account.email.toLowerCase();
  const local = email.split('@')[0] ?? '';
  const own = [email, local, account.name, account.tenantName]
    .filter((v): v is string => typeof v === 'string' && v.trim().length >= 3)
    .map((v) => v.toLowerCase());
  if (own.some((v) => lower.includes(v) || v.includes(lower))) {
    return 'must not contain your e-mail address or name';
  }
  const result = zxcvbn.check(password, [...own, ...local.split(/[^a-z0-9]+/).filter((p) => p.length >= 3)]);
  if (result.score < 3) return 'too easy to guess: it is a common password or close to one';
  return null;
}
