import { z } from 'zod';
import { INSPECTION_KINDS, SUPPLIER_STATUSES } from '../db/schema/suppliers.js';
import type { AuditRow, InspectionRow, SupplierRow } from './supplier-repo.js';

export const SupplierView = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(SUPPLIER_STATUSES),
  contacts: z.array(
    z.object({
      name: z.string(),
      role: z.string().optional(),
      phone: z.string().optional(),
      email: z.string().optional(),
      wechat: z.string().optional(),
    }),
  ),
  address: z.string().nullable(),
  note: z.string().nullable(),
  mergedInto: z.uuid().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const toSupplierView = (s: SupplierRow): z.infer<typeof SupplierView> => ({
  id: s.id,
  name: s.name,
  status: s.status,
  contacts: s.contacts,
  address: s.address,
  note: s.note,
  mergedInto: s.mergedInto,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

export const ScorecardView = z.object({
  unitsSold: z.number().int(),
  defectComplaints: z.number().int(),
  verdict: z.discriminatedUnion('status', [
    z.object({ status: z.literal('too_few_units'), ratePct: z.number().nullable(), minUnits: z.number() }),
    z.object({ status: z.literal('ok'), ratePct: z.number() }),
    z.object({ status: z.literal('consider_replacing'), ratePct: z.number(), thresholdPct: z.number() }),
  ]),
  months: z.array(z.object({ month: z.string(), units: z.number(), complaints: z.number() })),
});

export const AuditView = z.object({
  id: z.uuid(),
  supplierId: z.uuid(),
  visitedOn: z.date(),
  auditor: z.string(),
  checklist: z.array(
    z.object({ item: z.string(), passed: z.boolean().nullable(), note: z.string().optional() }),
  ),
  findings: z.string().nullable(),
  score: z.number().int(),
  createdByName: z.string(),
  createdAt: z.date(),
});
export const toAuditView = (a: AuditRow): z.infer<typeof AuditView> => ({
  id: a.id,
  supplierId: a.supplierId,
  visitedOn: a.visitedOn,
  auditor: a.auditor,
  checklist: a.checklist,
  findings: a.findings,
  score: a.score,
  createdByName: a.createdByName,
  createdAt: a.createdAt,
});

export const InspectionView = z.object({
  id: z.uuid(),
  supplierId: z.uuid(),
  kind: z.enum(INSPECTION_KINDS),
  skuCode: z.string().nullable(),
  batch: z.string().nullable(),
  standardCode: z.string().nullable(),
  institution: z.string().nullable(),
  reportNo: z.string().nullable(),
  testedOn: z.date(),
  result: z.enum(['pass', 'fail']),
  sampleSize: z.number().int().nullable(),
  defectsFound: z.number().int().nullable(),
  note: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.date(),
});
export const toInspectionView = (i: InspectionRow): z.infer<typeof InspectionView> => ({
  id: i.id,
  supplierId: i.supplierId,
  kind: i.kind,
  skuCode: i.skuCode,
  batch: i.batch,
  standardCode: i.standardCode,
  institution: i.institution,
  reportNo: i.reportNo,
  testedOn: i.testedOn,
  result: i.result,
  sampleSize: i.sampleSize,
  defectsFound: i.defectsFound,
  note: i.note,
  createdByName: i.createdByName,
  createdAt: i.createdAt,
});
