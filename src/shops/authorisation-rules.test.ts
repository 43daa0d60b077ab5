import { describe, expect, test } from 'vitest';
import {
  authorisationView,
  needsRefresh,
  settingsAfterFailedRefresh,
  settingsAfterGrant,
} from './authorisation-rules.js';

const box = { seal: (s: string) => `sealed(${s})` };
const now = new Date('2026-12-05T10:00:00Z');
const inMinutes = (m: number) => new Date(now.getTime() + m * 60_000).toISOString();
const oauth = (over: Record<string, unknown> = {}) => ({
  accessTokenSealed: 'sealed(at)',
  refreshTokenSealed: 'sealed(rt)',
  authorisedVia: 'oauth',
  tokenExpiresAt: inMinutes(3 * 24 * 60),
  ...over,
});

describe('authorisationView', () => {
  test.each([
    ['no token', {}, 'none'],
    ['a token entered by hand', { accessTokenSealed: 'x', authorisedVia: 'manual' }, 'manual'],
    ['a legacy token with no record of how', { accessToken: 'x' }, 'manual'],
    ['authorised, days left', oauth(), 'authorised'],
    ['authorised, 30 minutes left', oauth({ tokenExpiresAt: inMinutes(30) }), 'expiring'],
    ['expired', oauth({ tokenExpiresAt: inMinutes(-1) }), 'expired'],
    [
      'the last refresh failed, the token still good',
      oauth({ authError: { category: 'auth_invalid', message: 'no', at: inMinutes(-5) } }),
      'refresh_failed',
    ],
    [
      'the last refresh failed and the token has expired',
      oauth({
        tokenExpiresAt: inMinutes(-1),
        authError: { category: 'auth_invalid', message: 'no', at: inMinutes(-5) },
      }),
      'expired',
    ],
  ])('%s → %s', (_name, settings, state) => {
    expect(authorisationView(settings, now).state).toBe(state);
  });
});

describe('needsRefresh', () => {
  test.each([
    ['days left', oauth(), false],
    ['59 minutes left', oauth({ tokenExpiresAt: inMinutes(59) }), true],
    ['already expired (try anyway)', oauth({ tokenExpiresAt: inMinutes(-10) }), true],
    ['no refresh token', oauth({ refreshTokenSealed: undefined, tokenExpiresAt: inMinutes(5) }), false],
    [
      'the refresh token has expired',
      oauth({ tokenExpiresAt: inMinutes(5), refreshTokenExpiresAt: inMinutes(-1) }),
      false,
    ],
    [
      'failed 3 minutes ago: wait',
      oauth({
        tokenExpiresAt: inMinutes(5),
        authError: { category: 'network', message: '', at: inMinutes(-3) },
      }),
      false,
    ],
    [
      'failed 15 minutes ago: try again',
      oauth({
        tokenExpiresAt: inMinutes(5),
        authError: { category: 'network', message: '', at: inMinutes(-15) },
      }),
      true,
    ],
  ])('%s → %s', (_name, settings, expected) => {
    expect(needsRefresh(settings, now)).toBe(expected);
  });
});

describe('settings after a grant or a failure', () => {
  const grant = {
    accessToken: 'new-at',
    refreshToken: 'new-rt',
    expiresAt: new Date(inMinutes(60 * 24)),
    refreshExpiresAt: null,
    shopName: null,
    externalShopId: null,
  };

  test('a grant seals both tokens, clears the error and the claim, keeps other settings', () => {
    const before = oauth({
      apiBaseUrl: 'https://x',
      authError: { category: 'network' },
      refreshClaimedAt: 'x',
      accessToken: 'legacy',
    });
    const after = settingsAfterGrant(before, grant, now, box, false);
    expect(after).toMatchObject({
      apiBaseUrl: 'https://x',
      accessTokenSealed: 'sealed(new-at)',
      refreshTokenSealed: 'sealed(new-rt)',
      tokenExpiresAt: grant.expiresAt.toISOString(),
      authorisedVia: 'oauth',
    });
    expect(after).not.toHaveProperty('authError');
    expect(after).not.toHaveProperty('refreshClaimedAt');
    expect(after).not.toHaveProperty('accessToken');
  });

  test('a refresh without a new refresh token keeps the old one', () => {
    const after = settingsAfterGrant(oauth(), { ...grant, refreshToken: null }, now, box, false);
    expect(after.refreshTokenSealed).toBe('sealed(rt)');
  });

  test('a failure keeps the token and records why', () => {
    const after = settingsAfterFailedRefresh(
      oauth({ refreshClaimedAt: 'x' }),
      { category: 'auth_invalid', message: 'refresh_token 无效' },
      now,
    );
    expect(after.accessTokenSealed).toBe('sealed(at)');
    expect(after.authError).toEqual({
      category: 'auth_invalid',
      message: 'refresh_token 无效',
      at: now.toISOString(),
    });
    expect(after).not.toHaveProperty('refreshClaimedAt');
  });
});
