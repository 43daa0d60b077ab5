import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { CliError, run } from './cli.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/reviews.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'triage-cli-'));

const lines = (argv: string[]) => {
  const out: string[] = [];
  run(argv, (l) => out.push(l));
  return out.map((l) => JSON.parse(l));
};

describe('npm run triage', () => {
  test('one JSON object per row, in row order, with the documented fields', () => {
    const out = lines(['--csv', FIXTURE, '--text-column', 'review']);
    expect(out).toHaveLength(12);
    for (const o of out) {
      expect(Object.keys(o)).toEqual([
        'language',
        'sentiment',
        'score',
        'categories',
        'severity',
        'aspects',
        'pii',
      ]);
    }
    // The fixture alternates positive and negative reviews; the model gets most of them right.
    const right = out.filter((o, i) => o.sentiment === (i % 2 === 0 ? 'positive' : 'negative')).length;
    expect(right).toBeGreaterThanOrEqual(10);
  });

  test('PII is printed masked only; --explain adds the explanation', () => {
    const file = join(dir, 'pii.csv');
    writeFileSync(file, 'id,text\n1,"电话13812345678，假货！"\n2,\n');
    const out = lines(['--csv', file, '--text-column', 'text', '--explain']);
    expect(JSON.stringify(out)).not.toContain('13812345678');
    expect(out[0].pii).toEqual([{ type: 'mobile', masked: '138****5678' }]);
    expect(out[0].explanation.categories.counterfeit_suspected).toContain('假货');
    expect(out[1]).toMatchObject({ language: 'unknown', categories: [] });
  });

  test('a GBK export is decoded', () => {
    const file = join(dir, 'gbk.csv');
    writeFileSync(file, iconv.encode('评价\n快递摔坏了，全漏了\n', 'gbk'));
    expect(lines(['--csv', file, '--text-column', '评价'])[0].categories).toContain('damaged_in_transit');
  });

  test('a tenant lexicon file adds terms', () => {
    const lex = join(dir, 'lexicon.csv');
    writeFileSync(lex, 'term,category,severity\n缺角,damaged_in_transit,\n');
    const file = join(dir, 'one.csv');
    writeFileSync(file, 'text\n盒子缺角\n');
    expect(lines(['--csv', file, '--text-column', 'text', '--lexicon', lex])[0].categories).toContain(
      'damaged_in_transit',
    );
  });

  test.each([
    [
      ['--csv', FIXTURE, '--text-column', 'body'],
      /column "body" not found .*columns are: cat, label, review/,
      1,
    ],
    [
      ['--csv', join(dir, 'missing.csv'), '--text-column', 'review'],
      /cannot read .*missing\.csv: no such file/,
      1,
    ],
    [['--csv', dir, '--text-column', 'review'], /is a directory/, 1],
    [['--text-column', 'review'], /--csv FILE is required/, 2],
    [['--csv', FIXTURE], /--text-column NAME is required/, 2],
    [['--csv', FIXTURE, '--text-column'], /--text-column needs a value/, 2],
    [['--bogus'], /unknown argument --bogus/, 2],
  ])('clear error for %j', (argv, message, code) => {
    try {
      run(argv as string[], () => {});
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).message).toMatch(message);
      expect((error as CliError).exitCode).toBe(code);
    }
  });

  test('a malformed CSV names the file', () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'text\n"unterminated\n');
    expect(() => run(['--csv', file, '--text-column', 'text'], () => {})).toThrow(
      /bad\.csv is not a readable CSV/,
    );
  });
});
