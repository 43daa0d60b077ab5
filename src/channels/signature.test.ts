import { createHash, createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { sortedJson } from './crypto.js';
import { signDouyinApi, signDouyinPush, verifyDouyinApi, verifyDouyinPush } from './douyin/signature.js';
import { signPddApi, signPddPush, verifyPddApi, verifyPddPush } from './pinduoduo/signature.js';
import { signTmcMessage, signTop, verifyTmcMessage, verifyTop } from './taobao/signature.js';
import { signTiktokApi, signTiktokPush, verifyTiktokApi, verifyTiktokPush } from './tiktok/signature.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const body = '[{"tag":"200","msg_id":"1","data":"{\\"aftersale_id\\":7301234567890123456}"}]';

describe('Douyin push signature: md5(app_key + body + app_secret)', () => {
  const sig = md5(`appkey1${body}secret1`);
  test('good', () => {
    expect(signDouyinPush('appkey1', body, 'secret1')).toBe(sig);
    expect(
      verifyDouyinPush({
        appKey: 'appkey1',
        appSecret: 'secret1',
        rawBody: Buffer.from(body),
        signature: sig,
      }),
    ).toBe(true);
    expect(
      verifyDouyinPush({
        appKey: 'appkey1',
        appSecret: 'secret1',
        rawBody: body,
        signature: sig.toUpperCase(),
      }),
    ).toBe(true);
  });
  test('bad secret, missing and tampered', () => {
    expect(verifyDouyinPush({ appKey: 'appkey1', appSecret: 'other', rawBody: body, signature: sig })).toBe(
      false,
    );
    expect(
      verifyDouyinPush({ appKey: 'appkey1', appSecret: 'secret1', rawBody: body, signature: undefined }),
    ).toBe(false);
    expect(
      verifyDouyinPush({ appKey: 'appkey1', appSecret: 'secret1', rawBody: `${body} `, signature: sig }),
    ).toBe(false);
    expect(
      verifyDouyinPush({ appKey: 'appkey1', appSecret: 'secret1', rawBody: body, signature: sig.slice(1) }),
    ).toBe(false);
  });
  test('API: param_json sorted recursively, md5 and hmac-sha256', () => {
    const params = { z: 1, a: { y: [2, { b: 1, a: 0 }], x: 'é' } };
    expect(sortedJson(params)).toBe('{"a":{"x":"é","y":[2,{"a":0,"b":1}]},"z":1}');
    // As Python's json.dumps sends it (core.py): non-ASCII escaped.
    expect(sortedJson(params, { ascii: true })).toBe('{"a":{"x":"\\u00e9","y":[2,{"a":0,"b":1}]},"z":1}');
    const s = `secapp_keykeymethodafterSale.Detailparam_json${sortedJson(params, { ascii: true })}timestamp1700000000v2sec`;
    const input = {
      appKey: 'key',
      appSecret: 'sec',
      method: 'afterSale.Detail',
      params,
      timestamp: '1700000000',
    };
    expect(signDouyinApi(input).sign).toBe(md5(s));
    expect(signDouyinApi({ ...input, signMethod: 'hmac-sha256' }).sign).toBe(
      createHmac('sha256', 'sec').update(s).digest('hex'),
    );
    expect(verifyDouyinApi({ ...input, sign: md5(s) })).toBe(true);
    expect(verifyDouyinApi({ ...input, params: { ...params, z: 2 }, sign: md5(s) })).toBe(false);
  });
});

describe('Pinduoduo: base64(md5_hex(client_id + ts + secret)), timestamps within 5 minutes', () => {
  const now = 1_764_000_000_000;
  const ts = String(now);
  const sig = Buffer.from(md5(`cid${ts}csecret`)).toString('base64');
  test('good (ms and s timestamps)', () => {
    expect(signPddPush('cid', ts, 'csecret')).toBe(sig);
    expect(
      verifyPddPush({ clientId: 'cid', clientSecret: 'csecret', timestamp: ts, signature: sig, nowMs: now }),
    ).toEqual({ ok: true });
    const sec = String(now / 1000);
    expect(
      verifyPddPush({
        clientId: 'cid',
        clientSecret: 'csecret',
        timestamp: sec,
        signature: signPddPush('cid', sec, 'csecret'),
        nowMs: now + 1000,
      }),
    ).toEqual({ ok: true });
  });
  test('bad signature, tampered timestamp, stale timestamp', () => {
    expect(
      verifyPddPush({ clientId: 'cid', clientSecret: 'x', timestamp: ts, signature: sig, nowMs: now }).ok,
    ).toBe(false);
    expect(
      verifyPddPush({
        clientId: 'cid',
        clientSecret: 'csecret',
        timestamp: String(now + 1),
        signature: sig,
        nowMs: now,
      }),
    ).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(
      verifyPddPush({
        clientId: 'cid',
        clientSecret: 'csecret',
        timestamp: ts,
        signature: sig,
        nowMs: now + 5 * 60_000 + 1,
      }),
    ).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
    expect(
      verifyPddPush({
        clientId: 'cid',
        clientSecret: 'csecret',
        timestamp: 'abc',
        signature: sig,
        nowMs: now,
      }).ok,
    ).toBe(false);
  });
  test('API: UPPER(md5(secret + sorted k+v + secret)), objects as JSON, empty values signed as their key', () => {
    const params = {
      type: 'pdd.refund.list.increment.get',
      client_id: 'cid',
      timestamp: '1700000000',
      data_type: 'JSON',
      version: 'V1',
      filter: { a: 1 },
      empty: '',
    };
    const expected = md5(
      'csecretclient_idciddata_typeJSONemptyfilter{"a":1}timestamp1700000000typepdd.refund.list.increment.getversionV1csecret',
    ).toUpperCase();
    expect(signPddApi(params, 'csecret')).toBe(expected);
    expect(verifyPddApi({ ...params, sign: expected }, 'csecret')).toBe(true);
    expect(verifyPddApi({ ...params, version: 'V2', sign: expected }, 'csecret')).toBe(false);
  });
});

describe('TikTok: hex(HMAC_SHA256(app_secret, app_key + body))', () => {
  const sig = createHmac('sha256', 'tsecret').update(`tkey${body}`).digest('hex');
  test('good, bad, tampered', () => {
    expect(signTiktokPush('tkey', body, 'tsecret')).toBe(sig);
    expect(verifyTiktokPush({ appKey: 'tkey', appSecret: 'tsecret', rawBody: body, signature: sig })).toBe(
      true,
    );
    expect(verifyTiktokPush({ appKey: 'tkey', appSecret: 'wrong', rawBody: body, signature: sig })).toBe(
      false,
    );
    expect(
      verifyTiktokPush({
        appKey: 'tkey',
        appSecret: 'tsecret',
        rawBody: body.replace('200', '201'),
        signature: sig,
      }),
    ).toBe(false);
    expect(
      verifyTiktokPush({ appKey: 'tkey', appSecret: 'tsecret', rawBody: body, signature: `Bearer ${sig}` }),
    ).toBe(false);
  });
  test('API: secret + path + sorted(k+v minus sign and access_token, empty values too) + body + secret', () => {
    const query = {
      app_key: 'tkey',
      timestamp: '1700000000',
      shop_cipher: '',
      access_token: 'tok',
      sign: 'x',
    };
    const s = `tsecret/api/ordersapp_keytkeyshop_ciphertimestamp1700000000{"a":1}tsecret`;
    const expected = createHmac('sha256', 'tsecret').update(s).digest('hex');
    expect(signTiktokApi({ appSecret: 'tsecret', path: '/api/orders', query, body: '{"a":1}' })).toBe(
      expected,
    );
    expect(
      verifyTiktokApi({ appSecret: 'tsecret', path: '/api/orders', query, body: '{"a":1}', sign: expected }),
    ).toBe(true);
    expect(
      verifyTiktokApi({ appSecret: 'tsecret', path: '/api/orders', query, body: '{"a":2}', sign: expected }),
    ).toBe(false);
  });
});

describe('Taobao TOP: md5, hmac(md5) and hmac-sha256 over sorted k+v', () => {
  const params = {
    method: 'taobao.trade.get',
    app_key: '123',
    timestamp: '2026-11-25 10:00:00',
    v: '2.0',
    empty: '',
    sign_method: 'md5',
  };
  const joined = 'app_key123methodtaobao.trade.getsign_methodmd5timestamp2026-11-25 10:00:00v2.0';
  test('the three methods', () => {
    expect(signTop(params, 'sec')).toBe(md5(`sec${joined}sec`).toUpperCase());
    expect(signTop(params, 'sec', 'hmac')).toBe(
      createHmac('md5', 'sec').update(joined).digest('hex').toUpperCase(),
    );
    expect(signTop(params, 'sec', 'hmac-sha256')).toBe(
      createHmac('sha256', 'sec').update(joined).digest('hex').toUpperCase(),
    );
    expect(verifyTop({ ...params, sign: 'ignored' }, 'sec', md5(`sec${joined}sec`).toUpperCase())).toBe(true);
    expect(verifyTop(params, 'sec', md5(`sec${joined}sec`))).toBe(true);
  });
  test('TMC relay message: good, bad, tampered', () => {
    const msg = {
      topic: 'taobao_refund_RefundCreated',
      content: '{"refund_id":"1"}',
      id: '9223372036854775001',
      userid: 1,
      nick: '店',
    };
    const sig = signTmcMessage(msg, 'sec');
    expect(verifyTmcMessage(msg, 'sec', sig)).toBe(true);
    expect(verifyTmcMessage(msg, 'other', sig)).toBe(false);
    expect(verifyTmcMessage({ ...msg, content: '{"refund_id":"2"}' }, 'sec', sig)).toBe(false);
    expect(verifyTmcMessage(msg, 'sec', undefined)).toBe(false);
  });
});
