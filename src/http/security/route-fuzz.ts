import fc from 'fast-check';

/**
 * What the route fuzz (route-fuzz.test.ts) sends: every route Fastify knows, read from the app
 * itself, and fast-check arbitraries for its path, query and body — values built from the route's
 * own JSON schema (so requests get past validation and reach services and SQL) mixed with hostile
 * ones (wrong types, huge and broken text, prototype keys, other tenants' ids).
 */

export type Route = { method: string; path: string };

/**
 * Every route of `app.printRoutes({ commonPrefix: false })`: a tree drawn with 4 columns per level,
 * each line a path relative to its parent and its methods. HEAD (Fastify's twin of GET) is left out.
 */
export function parseRouteTree(tree: string): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    const path = `${depth ? stack[depth - 1] : ''}${match[2]}`;
    stack.push(path);
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      if (method !== 'HEAD') routes.push({ method, path });
    }
  }
  return routes;
}

/** A path parameter; where routes name the same place differently Fastify prints `:id|:shopId`. */
export const PARAM = /:(\w+)((?:\|:\w+)*)/g;

/**
 * `/api/v1/tickets/:id` → `/api/v1/tickets/{id}` (the OpenAPI document's spelling); for `:id|:shopId`
 * each spelling, since the document names the parameter as the route that declared it does.
 */
export function openApiPaths(path: string): string[] {
  let paths = [''];
  let at = 0;
  for (const m of path.matchAll(PARAM)) {
    const names = [m[1]!, ...m[2]!.split('|:').filter(Boolean)];
    const before = path.slice(at, m.index);
    paths = paths.flatMap((p) => names.map((n) => `${p}${before}{${n}}`));
    at = m.index + m[0].length;
  }
  return paths.map((p) => p + path.slice(at));
}

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  nullable?: boolean;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
};

/** Text that broke or could break something: encodings, injections, sizes. */
export const HOSTILE_TEXT = [
  '',
  ' ',
  '\ud800',
  'cut \ud83d',
  '\udfff tail',
  'nul\u0000byte',
  '\u0000',
  '收到的杯子碎了😭 𠮷野家',
  '\u202eevil\u202c',
  'e\u0301\u0301\u0301',
  "'; drop table tickets; --",
  '" or 1=1 --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '$'.concat('{7*7}{{7*7}}'),
  '=HYPERLINK("http://x")',
  '__proto__',
  'constructor',
  'null',
  '1e309',
  '-0',
  'NaN',
  '\\',
  '\u2028\u2029',
  '\uFEFF',
  '\uFFFF',
  'a'.repeat(5_000),
  '字'.repeat(70_000),
  '13812345678',
];

/** Numbers at the edges of every integer and float type. */
export const HOSTILE_NUMBERS = [
  -1,
  0,
  1,
  1.5,
  -0.000001,
  2 ** 31,
  2 ** 53 + 1,
  -(2 ** 63),
  1e308,
  9_999_999_999_999,
];

/** Keys that poison an object's prototype when merged naively, and nonsense keys. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  '$where',
];

export type IdPools = { own: () => string[]; other: () => string[] };

const hostileText = fc.constantFrom(...HOSTILE_TEXT);
const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30, unit: 'binary' }) },
  { weight: 3, arbitrary: hostileText },
);

/** A uuid from this tenant, another tenant, or nowhere. */
export function idArbitrary(pools: IdPools): fc.Arbitrary<string> {
  const from = (pool: () => string[]) =>
    fc.tuple(fc.nat(), fc.uuid()).map(([n, fallback]) => {
      const ids = pool();
      return ids.length ? ids[n % ids.length]! : fallback;
    });
  return fc.oneof(
    { weight: 4, arbitrary: from(pools.own) },
    { weight: 2, arbitrary: from(pools.other) },
    { weight: 1, arbitrary: fc.uuid() },
  );
}

/** A value the schema accepts (mostly: patterns other than uuid are not followed). */
export function validValue(schema: JsonSchema | undefined, pools: IdPools, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 8) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => validValue(v, pools, depth + 1)));
  if (schema.allOf?.length) return validValue(Object.assign({}, ...schema.allOf), pools, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  const value = valueOfType(type ?? (schema.properties ? 'object' : undefined), schema, pools, depth);
  return schema.nullable ? fc.option(value, { freq: 8, nil: null }) : value;
}

function valueOfType(
  type: string | undefined,
  schema: JsonSchema,
  pools: IdPools,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringValue(schema, pools);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({
        min: schema.minimum ?? schema.exclusiveMinimum ?? -1e6,
        max: schema.maximum ?? schema.exclusiveMaximum ?? 1e6,
        noNaN: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(validValue(schema.items, pools, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, Math.max(schema.minItems ?? 0, 4)),
      });
    case 'object': {
      const props = schema.properties ?? {};
      const model = Object.fromEntries(
        Object.entries(props).map(([k, s]) => [k, validValue(s, pools, depth + 1)]),
      );
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringValue(schema: JsonSchema, pools: IdPools): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 40, 40));
  switch (schema.format) {
    case 'uuid':
      return idArbitrary(pools);
    case 'email':
      return fc.emailAddress().map((e) => e.slice(0, schema.maxLength ?? 200));
    case 'date-time':
      return fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'uri':
      // Never a public address: the fuzz app's outbound policy resolves nothing, and these refuse early.
      return fc.constantFrom(
        'https://shop.example.invalid/api',
        'http://127.0.0.1:1/x',
        'https://[::1]/',
        'https://0x7f000001/',
        'https://169.254.169.254/latest',
        'javascript:alert(1)',
        'data:text/html,<b>x</b>',
      );
    default:
      return fc.string({ minLength: min, maxLength: max });
  }
}

/** The same value with one field broken: removed, of the wrong type, hostile text or a prototype key. */
export function mutatedValue(schema: JsonSchema | undefined, pools: IdPools): fc.Arbitrary<unknown> {
  return fc
    .tuple(validValue(schema, pools), fc.nat(), hostileValue(pools), fc.constantFrom(...HOSTILE_KEYS))
    .map(([value, n, bad, key]) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad;
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(copy);
      const target = keys.length ? keys[n % keys.length]! : key;
      switch (n % 4) {
        case 0:
          delete copy[target];
          break;
        case 1:
          copy[target] = bad;
          break;
        case 2:
          Object.defineProperty(copy, key, { value: bad, enumerable: true, configurable: true });
          break;
        default:
          copy[target] = typeof copy[target] === 'string' ? `${copy[target]}\ud800\u0000` : [copy[target]];
      }
      return copy;
    });
}

/** Any JSON, weighted to what breaks parsers and validators. */
export function hostileValue(pools: IdPools): fc.Arbitrary<unknown> {
  return fc.oneof(
    anyText,
    fc.constantFrom(...HOSTILE_NUMBERS),
    fc.constantFrom(null, true, false, [], {}, [[[[]]]]),
    idArbitrary(pools),
    fc.array(anyText, { maxLength: 3 }),
    fc.dictionary(fc.oneof(anyText, fc.constantFrom(...HOSTILE_KEYS)), anyText, { maxKeys: 3 }),
  );
}

/** Raw bodies JSON.stringify cannot make. */
export const RAW_BODIES = [
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"a":"\\ud800","b":"\\u0000"}',
  `${'['.repeat(63)}${']'.repeat(63)}`,
  `${'['.repeat(80)}${']'.repeat(80)}`,
  '{"a":1,',
  '\u0000',
  'null',
  '[]',
  '"text"',
  '12',
  '{"a":1e999}',
];

/** Path parameters: ids of every kind, and text that is no id at all. */
export function paramValue(pools: IdPools): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: idArbitrary(pools) },
    { weight: 1, arbitrary: fc.constantFrom('tiktok', 'douyin', 'pinduoduo', 'taobao', 'me', '0', '-1') },
    { weight: 2, arbitrary: anyText.filter((s) => s.length > 0 && s.length < 2000) },
  );
}

/** Query strings: declared parameters with valid or hostile values, repeated keys, broken encodings. */
export function queryString(
  params: { name: string; schema?: JsonSchema }[],
  pools: IdPools,
): fc.Arbitrary<string> {
  const pair = (name: string, schema?: JsonSchema) =>
    fc
      .oneof(
        {
          weight: 3,
          arbitrary: validValue(schema, pools).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
        },
        { weight: 2, arbitrary: anyText },
      )
      .map((v) => `${encodeURIComponent(name)}=${encodeText(v)}`);
  const declared = params.map((p) => fc.option(pair(p.name, p.schema), { freq: 2 }));
  const extra = fc.option(
    fc.oneof(
      fc.constantFrom(
        '__proto__[admin]=1',
        'constructor[prototype][admin]=1',
        '__proto__=x',
        'limit=1&limit=2',
        'q=%ED%A0%80',
        'q=%F0%9F',
        'q=%',
        'q=%zz',
        'tag=a%00b',
        'a[b][c][d][e]=1',
      ),
      fc.constantFrom(...params.map((p) => p.name), 'x').map((n) => `${n}=1&${n}=2&${n}[]=3`),
    ),
    { freq: 3 },
  );
  return fc.tuple(fc.tuple(...declared), extra).map(([pairs, more]) => {
    const parts = [...pairs.filter((p): p is string => p !== null), ...(more ? [more] : [])];
    return parts.length ? `?${parts.join('&')}` : '';
  });
}

/** encodeURIComponent that lets a lone surrogate through as the bytes a broken client would send. */
function encodeText(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text.replace(/[\ud800-\udfff]/g, '%ED%A0%80').replace(/[^\w%.-]/g, (c) => escape(c));
  }
}
