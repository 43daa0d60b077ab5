import type { TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import { type LineSource, personalDataIn } from './affected-repo.js';
import { describeFindings, findPersonalData, type PublicFinding } from './public-text-check.js';
import { merchantName } from './recall-repo.js';

export type PublicField = { field: string; text: string };

/**
 * Personal data in texts the public will read (statement, findings, title, photo captions): the
 * patterns, plus the campaign's own buyers' names and order numbers. What the merchant publishes
 * about itself on purpose (the contact line, its name) is allowed.
 */
export async function personalDataFindings(
  scope: TenantScope,
  source: LineSource,
  contact: string | null,
  fields: PublicField[],
): Promise<PublicFinding[]> {
  const present = fields.filter((f) => f.text);
  if (!present.length) return [];
  const known = await personalDataIn(scope, source, present.map((f) => f.text).join('\n'));
  const allowed = [contact ?? '', await merchantName(scope)];
  return present.flatMap((f) => findPersonalData(f.field, f.text, known, allowed));
}

/** Refuses (422, each finding named and masked) a public text that carries personal data. */
export async function assertNoPersonalData(
  scope: TenantScope,
  source: LineSource,
  contact: string | null,
  fields: PublicField[],
): Promise<void> {
  const findings = await personalDataFindings(scope, source, contact, fields);
  if (findings.length) throw new AppError('PERSONAL_DATA_IN_PUBLIC_TEXT', describeFindings(findings));
}
