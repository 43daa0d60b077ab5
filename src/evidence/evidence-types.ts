// The evidence vault's vocabulary: pure, no I/O, imported by the schema, the rules and the console.

export const EVIDENCE_KINDS = [
  'photo',
  'video',
  'audio',
  'chat_record',
  'chat_screenshot',
  'order_record',
  'certificate',
  'inspection_report',
  'logistics_proof',
  'invoice',
  'authorisation_letter',
  'listing_snapshot',
  'document',
  'other',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
/** What the shareable copy did with location metadata. */
export const LOCATION_STATES = ['none_found', 'removed', 'not_applicable', 'unremovable'] as const;
/** upload: the console or API; attached: another domain's service; frozen: "save as evidence". */
export const EVIDENCE_SOURCES = ['upload', 'attached', 'frozen'] as const;
export const CUSTODY_ACTIONS = [
  'upload',
  'attach',
  'freeze',
  'view',
  'download',
  'export',
  'deletion_request',
] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];
