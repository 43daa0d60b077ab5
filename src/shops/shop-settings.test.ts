import { describe, expect, test } from 'vitest';
import { PLATFORMS } from '../channels/channel.js';
import { CHANNELS } from '../channels/registry.js';
import { createSecretBox } from '../shared/secret-box.js';
import {
  adapterSettings,
  hasAccessToken,
  mergeSettings,
  OUTBOX_KINDS,
  ShopSettingsInput,
  ShopSettingsPatch,
  settingsView,
} from './shop-settings.js';

const box = createSecretBox(Buffer.alloc(32, 3));

describe('adapterSettings', () => {
  test('unseals the access token for the adapters and drops the sealed copy', () => {
    const stored = { apiBaseUrl: 'https://gw.example.com', accessTokenSealed: box.seal('tok-1'), x: 1 };
    expect(adapterSettings(stored, box)).toEqual({
      apiBaseUrl: 'https://gw.example.com',
      accessToken: 'tok-1',
      x: 1,
    });
    expect(stored.accessTokenSealed).toMatch(/^v1:/); // the input is not changed
  });

  test('a legacy plaintext token still works; a sealed one wins over it', () => {
    expect(adapterSettings({ accessToken: 'legacy' }, box)).toEqual({ accessToken: 'legacy' });
    expect(adapterSettings({ accessToken: 'legacy', accessTokenSealed: box.seal('new') }, box)).toEqual({
      accessToken: 'new',
    });
  });

  test('no token, empty or missing settings', () => {
    expect(adapterSettings({ pddAmountUnit: 'yuan' }, box)).toEqual({ pddAmountUnit: 'yuan' });
    expect(adapterSettings(null, box)).toEqual({});
    expect(adapterSettings(undefined, box)).toEqual({});
  });

  test('uses the given opener (so a caller can cache), and says clearly when the key does not fit', () => {
    const opened: string[] = [];
    const sealed = box.seal('tok');
    expect(
      adapterSettings(
        { accessTokenSealed: sealed },
        {
          open: (s) => {
            opened.push(s);
            return 'cached';
          },
        },
      ),
    ).toEqual({
      accessToken: 'cached',
    });
    expect(opened).toEqual([sealed]);
    const otherKey = createSecretBox(Buffer.alloc(32, 4));
    expect(() => adapterSettings({ accessTokenSealed: sealed }, otherKey)).toThrow(
      /access token cannot be unsealed/,
    );
  });

  test('round trip: what mergeSettings stores, adapterSettings gives back', () => {
    const stored = mergeSettings(
      'pinduoduo',
      {},
      { accessToken: 'abc', pddAmountUnit: 'fen', outboundMethods: { reply: 'pdd.x' } },
      box,
    );
    expect(JSON.stringify(stored)).not.toContain('abc');
    expect(adapterSettings(stored, box)).toEqual({
      accessToken: 'abc',
      pddAmountUnit: 'fen',
      outboundMethods: { reply: 'pdd.x' },
    });
  });
});

describe('mergeSettings', () => {
  test('merges key by key, null removes, the token is re-sealed and the legacy plaintext dropped', () => {
    const current = { apiBaseUrl: 'https://a.example.com', accessToken: 'legacy', keep: true };
    const next = mergeSettings('douyin', current, { apiBaseUrl: null, ingestPositiveReviews: true }, box);
    expect(next).toEqual({ accessToken: 'legacy', keep: true, ingestPositiveReviews: true });
    expect(current.apiBaseUrl).toBe('https://a.example.com'); // not changed in place
    const sealed = mergeSettings('douyin', next, { accessToken: 'fresh' }, box);
    expect(sealed.accessToken).toBeUndefined();
    expect(box.open(sealed.accessTokenSealed as string)).toBe('fresh');
    expect(mergeSettings('douyin', sealed, { accessToken: null }, box)).toEqual({
      keep: true,
      ingestPositiveReviews: true,
    });
  });

  test('outboundMethods is replaced as a whole; {} removes it', () => {
    const one = mergeSettings('taobao', {}, { outboundMethods: { reply: 'a', notice: 'b' } }, box);
    expect(mergeSettings('taobao', one, { outboundMethods: { evidence: 'c' } }, box)).toEqual({
      outboundMethods: { evidence: 'c' },
    });
    expect(mergeSettings('taobao', one, { outboundMethods: {} }, box)).toEqual({});
  });

  test('reconcile overrides are replaced as a whole; {} or null removes them, and the view shows them', () => {
    const one = mergeSettings('pinduoduo', {}, { reconcile: { feeds: ['orders'], pageSize: 50 } }, box);
    expect(settingsView(one).reconcile).toEqual({ feeds: ['orders'], pageSize: 50 });
    expect(mergeSettings('pinduoduo', one, { reconcile: { enabled: false } }, box)).toEqual({
      reconcile: { enabled: false },
    });
    expect(mergeSettings('pinduoduo', one, { reconcile: {} }, box)).toEqual({});
    expect(mergeSettings('pinduoduo', one, { reconcile: null }, box)).toEqual({});
    expect(settingsView({ reconcile: { pageSize: -1 } }).reconcile).toBeUndefined();
  });

  test('Douyin reason codes: a Douyin shop corrects the table, {} removes it, others cannot set it', () => {
    const one = mergeSettings('douyin', {}, { douyinReasonCodes: { '3': '做工瑕疵' } }, box);
    expect(settingsView(one).douyinReasonCodes).toEqual({ '3': '做工瑕疵' });
    expect(mergeSettings('douyin', one, { douyinReasonCodes: {} }, box)).toEqual({});
    expect(() => mergeSettings('taobao', {}, { douyinReasonCodes: { '3': 'x' } }, box)).toThrow(
      /settings.douyinReasonCodes/,
    );
    for (const bad of [{ x: '质量' }, { '3': '' }, { '3': '长'.repeat(41) }]) {
      expect(ShopSettingsPatch.safeParse({ douyinReasonCodes: bad }).success).toBe(false);
    }
  });

  test('Pinduoduo-only settings are refused elsewhere (null is harmless)', () => {
    expect(() => mergeSettings('douyin', {}, { pddMessageService: true }, box)).toThrow(
      /settings.pddMessageService/,
    );
    expect(() => mergeSettings('tiktok', {}, { pddAmountUnit: 'fen' }, box)).toThrow(
      /settings.pddAmountUnit/,
    );
    expect(mergeSettings('tiktok', { pddAmountUnit: 'yuan' }, { pddAmountUnit: null }, box)).toEqual({});
    expect(mergeSettings('pinduoduo', {}, { pddMessageService: false }, box)).toEqual({
      pddMessageService: false,
    });
  });
});

describe('schemas and view', () => {
  test('every adapter says for every known outbox kind whether it goes through the API or by hand', () => {
    for (const p of PLATFORMS) {
      for (const kind of OUTBOX_KINDS) {
        expect(['api', 'manual']).toContain(CHANNELS[p].capability(kind, 'aftersale:1').mode);
      }
    }
  });

  test.each([
    [{ apiBaseUrl: ' https://gw.example.com/api ' }, true],
    [{ apiBaseUrl: 'http://127.0.0.1:8080' }, true],
    [{ apiBaseUrl: 'ftp://gw.example.com' }, false],
    [{ apiBaseUrl: 'javascript:alert(1)' }, false],
    [{ apiBaseUrl: `https://gw.example.com/${'p'.repeat(500)}` }, false],
    [{ outboundMethods: { reply: 'x'.repeat(200) } }, true],
    [{ outboundMethods: { reply: 'x'.repeat(201) } }, false],
    [{ outboundMethods: { reply: '   ' } }, false],
    [{ outboundMethods: { unknown_kind: 'x' } }, false],
    [{ pddAmountUnit: 'jiao' }, false],
    [{ accessToken: 'x'.repeat(4001) }, false],
    [{ other: 1 }, false],
    [{ reconcile: { enabled: false } }, true],
    [{ reconcile: { feeds: ['after_sales', 'orders'], pageSize: 50, maxWindowMinutes: 30 } }, true],
    [{ reconcile: { methods: { after_sales: 'pdd.refund.list.increment.get' } } }, true],
    [{ reconcile: { feeds: ['chats'] } }, false],
    [{ reconcile: { pageSize: 0 } }, false],
    [{ reconcile: { maxWindowMinutes: 1441 } }, false],
    [{ reconcile: { methods: { after_sales: 'a b' } } }, false],
    [{ reconcile: { other: 1 } }, false],
  ])('input %j valid: %s', (input, ok) => {
    expect(ShopSettingsInput.safeParse(input).success).toBe(ok);
    expect(ShopSettingsPatch.safeParse(input).success).toBe(ok);
  });

  test('an unknown outbox kind is named with the known ones', () => {
    const r = ShopSettingsPatch.safeParse({ outboundMethods: { send_flowers: 'x' } });
    expect(r.error?.issues[0]?.message).toMatch(/unknown outbox kind "send_flowers" \(known: reply, /);
  });

  test('the trimmed URL is what is stored', () => {
    expect(ShopSettingsInput.parse({ apiBaseUrl: ' https://gw.example.com ' }).apiBaseUrl).toBe(
      'https://gw.example.com',
    );
  });

  test('the view shows known, well-formed keys only, never a token', () => {
    const stored = {
      apiBaseUrl: 'https://gw.example.com',
      accessToken: 'legacy',
      accessTokenSealed: 'v1:xx',
      pddAmountUnit: 'jiao',
      outboundMethods: { reply: 'r', bogus: 'b', notice: 3 },
      ingestPositiveReviews: 'yes',
      pddMessageService: true,
      priceProtectionDays: 30,
    };
    expect(settingsView(stored)).toEqual({
      apiBaseUrl: 'https://gw.example.com',
      outboundMethods: { reply: 'r' },
      pddMessageService: true,
    });
    expect(hasAccessToken(stored)).toBe(true);
    expect(hasAccessToken({ accessToken: '' })).toBe(false);
    expect(hasAccessToken(null)).toBe(false);
  });
});
