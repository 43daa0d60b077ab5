import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';

/**
 * The console's types of the API's answers follow from the server's response schemas
 * (ARCHITECTURE.md, "console types"): `Json<typeof SomeView>` from `src/http/json-dates.ts`, never an
 * object type written again by hand. This test reads every object type the console declares and
 * names the ones that copy an exported view (most of their fields are the view's fields).
 */
const src = fileURLToPath(new URL('../', import.meta.url));
const web = fileURLToPath(new URL('./', import.meta.url));

/** Hand-typed answers that remain (the list only shrinks), each with what to do. */
const NOT_YET_DERIVED: Record<string, string> = {
  'web/pages/analytics/alerts-tab.tsx#SpikeAlert': 'use Json<typeof AlertView> (analytics/alert-routes.ts)',
  'web/pages/analytics/analytics-api.ts#TrendPoint':
    'use Json<typeof QualityRowView> (analytics/analytics-views.ts)',
  'web/pages/analytics/analytics-api.ts#CaseLine':
    'use Json<typeof CaseLineView> (analytics/analytics-views.ts)',
  'web/pages/brand/brand-api.ts#Listing': 'use Json<typeof ListingView> (brand/brand-views.ts)',
  'web/pages/brand/brand-api.ts#Rate': 'use Json<typeof RateView> (brand/brand-views.ts)',
  'web/pages/brand/brand-api.ts#Complaint': 'use Json<typeof ComplaintView> (brand/brand-views.ts)',
  'web/pages/brand/brand-api.ts#Right': 'use Json<typeof RightView> (brand/brand-views.ts)',
  'web/pages/brand/brand-api.ts#Floor': 'use Json<typeof FloorView> (brand/brand-views.ts)',
  'web/pages/brand/defence-api.ts#Defence': 'use Json<typeof DefenceView> (brand/defence-views.ts)',
  'web/pages/brand/defence-api.ts#Batch': 'use Json<typeof BatchView> (brand/defence-views.ts)',
  'web/pages/brand/defence-api.ts#Sourcing': 'use Json<typeof SourcingView> (brand/defence-views.ts)',
  'web/pages/care/care-api.ts#CareMessage': 'use Json<typeof CareMessageView> (care/care-routes.ts)',
  'web/pages/care/care-api.ts#CareSettings': 'use Json<typeof CareSettingsView> (care/care-routes.ts)',
  'web/pages/disputes/disputes-api.ts#Dispute': 'use Json<typeof DisputeView> (disputes/dispute-routes.ts)',
  'web/pages/evidence/evidence-api.ts#Evidence':
    'use Json<typeof EvidenceView> (evidence/evidence-routes.ts)',
  'web/pages/quality/quality-api.ts#Finding': 'use Json<typeof FindingView> (quality/listing-views.ts)',
  'web/pages/quality/quality-api.ts#ListingContent':
    'use Json<typeof ContentView> (quality/listing-views.ts)',
  'web/pages/quality/quality-api.ts#Listing': 'use Json<typeof ListingView> (quality/listing-views.ts)',
  'web/pages/quality/quality-api.ts#QualityTask': 'use Json<typeof TaskView> (quality/listing-views.ts)',
  'web/pages/quality/quality-api.ts#QualityDocument':
    'use Json<typeof DocumentView> (quality/listing-views.ts)',
  'web/pages/quality/quality-api.ts#Flag': 'use Json<typeof FlagView> (quality/listing-views.ts)',
  'web/pages/quality/snapshot-panel.tsx#Link':
    'use Json<typeof ComplaintLinkView> (quality/listing-views.ts)',
  'web/pages/recalls/recalls-api.ts#Recall': 'use Json<typeof RecallView> (recalls/recall-views.ts)',
  'web/pages/recalls/recalls-api.ts#Totals': 'use Json<typeof Totals> (recalls/recall-views.ts)',
  'web/pages/recalls/recalls-api.ts#Clock': 'use Json<typeof ClockView> (recalls/recall-views.ts)',
  'web/pages/recalls/recalls-api.ts#AffectedOrder': 'use Json<typeof AffectedItem> (recalls/recall-views.ts)',
  'web/pages/suppliers/suppliers-api.ts#Scorecard':
    'use Json<typeof ScorecardView> (quality/supplier-views.ts)',
  'web/pages/suppliers/suppliers-api.ts#Supplier':
    'use Json<typeof SupplierView> (quality/supplier-views.ts)',
  'web/pages/suppliers/suppliers-api.ts#Audit': 'use Json<typeof AuditView> (quality/supplier-views.ts)',
  'web/pages/suppliers/suppliers-api.ts#Inspection':
    'use Json<typeof InspectionView> (quality/supplier-views.ts)',
};

/**
 * A console type is a copy when it has this many fields, nearly all of them are a view's, and they
 * are at least half of that view's.
 */
const MIN_FIELDS = 4;
const SHARE = 0.8;
const HALF = 0.5;

function files(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, keep);
    return keep(path) ? [path] : [];
  });
}

const isTest = (p: string) => /\.test\.tsx?$/.test(p);

/**
 * The server's answers: every zod object exported by a `*-views.ts` file, and those named `…View` in a
 * `*-routes.ts` file (routes also export request bodies and queries), by `file#name`, with their fields.
 */
const serverFiles = files(src, (p) => /-(views|routes)\.ts$/.test(p) && !isTest(p) && !p.startsWith(web));
const views = new Map<string, Set<string>>();
for (const file of serverFiles) {
  const module = (await import(file)) as Record<string, unknown>;
  for (const [name, value] of Object.entries(module)) {
    if (!(value instanceof z.ZodObject) || (file.endsWith('-routes.ts') && !name.endsWith('View'))) continue;
    views.set(`${relative(src, file)}#${name}`, new Set(Object.keys(value.shape)));
  }
}

/** What the console sends or holds in a form is not an answer: its own type is fine. */
const isInput = (name: string) => /(Values|Form|Body|Draft|Filters|Props|State)$/.test(name);

/** Every object type alias the console declares (`type X = { … }`, also inside `A & { … }`). */
type ConsoleType = { id: string; fields: string[] };
const consoleTypes: ConsoleType[] = files(web, (p) => /\.tsx?$/.test(p) && !isTest(p)).flatMap((file) => {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: ConsoleType[] = [];
  const literals = (node: ts.TypeNode): ts.TypeLiteralNode[] =>
    ts.isTypeLiteralNode(node)
      ? [node]
      : ts.isIntersectionTypeNode(node)
        ? node.types.flatMap(literals)
        : ts.isParenthesizedTypeNode(node)
          ? literals(node.type)
          : [];
  const visit = (node: ts.Node) => {
    if (ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) {
      const members = ts.isInterfaceDeclaration(node)
        ? [...node.members]
        : literals(node.type).flatMap((l) => [...l.members]);
      const fields = members.flatMap((m) =>
        ts.isPropertySignature(m) && m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))
          ? [m.name.text]
          : [],
      );
      found.push({ id: `${relative(src, file)}#${node.name.text}`, fields });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
});

/** The view a console type copies, if any. */
function copied({ id, fields }: ConsoleType): string | undefined {
  if (fields.length < MIN_FIELDS || isInput(id.split('#')[1]!)) return undefined;
  for (const [view, keys] of views) {
    const shared = fields.filter((f) => keys.has(f)).length;
    if (shared >= MIN_FIELDS && shared / fields.length >= SHARE && shared / keys.size >= HALF) return view;
  }
  return undefined;
}

describe('the console derives the types of answers from the server’s views', () => {
  test('there are views and console types to compare', () => {
    expect(views.size).toBeGreaterThan(30);
    expect(consoleTypes.length).toBeGreaterThan(30);
  });

  test('no console type outside the list copies a view by hand', () => {
    const copies = consoleTypes
      .filter((t) => !(t.id in NOT_YET_DERIVED))
      .flatMap((t) => {
        const view = copied(t);
        return view ? [`${t.id} copies ${view}: use Json<typeof …> from src/http/json-dates.ts`] : [];
      });
    expect(copies).toEqual([]);
  });

  test.each(Object.keys(NOT_YET_DERIVED))('%s is listed only while it is still a copy', (id) => {
    const type = consoleTypes.find((t) => t.id === id);
    expect(type, `${id} no longer exists: take it off the list`).toBeDefined();
    expect(copied(type!), `${id} is derived now: take it off the list`).toBeDefined();
  });
});
