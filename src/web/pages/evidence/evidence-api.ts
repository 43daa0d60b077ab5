import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EvidenceKind } from '../../../evidence/evidence-types.js';
import { api, apiUrl, postForm } from '../../app/api.js';

// The kinds are the server's own (src/evidence/evidence-types.ts).
export { EVIDENCE_KINDS, type EvidenceKind } from '../../../evidence/evidence-types.js';
export type SubjectType = 'ticket' | 'order' | 'dispute' | 'penalty';

export type Evidence = {
  id: string;
  subjectType: string;
  subjectId: string;
  kind: EvidenceKind;
  source: 'upload' | 'attached' | 'frozen';
  title: string;
  fileName: string;
  sha256: string;
  bytes: number;
  mediaType: string;
  location: 'none_found' | 'removed' | 'not_applicable' | 'unremovable';
  shareable: boolean;
  createdByName: string;
  createdAt: string;
};

export type CustodyEntry = {
  seq: number;
  action: string;
  actorName: string;
  actorType?: string;
  at: string;
  hash: string;
};
export type VerifyReport = {
  ok: boolean;
  checked: number;
  entries: number;
  files: number;
  firstBreak: null | { type: string; seq?: number; fileNames?: string[]; reason: string };
};

const FIELD: Record<SubjectType, string> = {
  ticket: 'ticketId',
  order: 'orderId',
  dispute: 'disputeId',
  penalty: 'penaltyId',
};

export const evidenceKey = (type: SubjectType, id: string) => ['evidence', type, id] as const;

export const useEvidence = (type: SubjectType, id: string | null | undefined) =>
  useQuery({
    queryKey: evidenceKey(type, id ?? ''),
    queryFn: async () =>
      (await api<{ items: Evidence[] }>('/evidence', { query: { [FIELD[type]]: id } })).items,
    enabled: !!id,
  });

export const contentUrl = (id: string, variant: 'original' | 'shareable' = 'original') =>
  apiUrl(`/evidence/${id}/content`, { variant });

/** Multipart upload (fetch, not the JSON helper): the subject field, kind and title, then the file. */
export function uploadEvidence(
  type: SubjectType,
  id: string,
  file: File,
  kind: EvidenceKind,
  title?: string,
) {
  return postEvidence([[FIELD[type], id]], file, kind, title);
}

/** The same upload onto any subject the vault knows by type and id (a recall, a brand record). */
export function uploadSubjectEvidence(
  subjectType: string,
  subjectId: string,
  file: File,
  kind: EvidenceKind,
) {
  return postEvidence(
    [
      ['subjectType', subjectType],
      ['subjectId', subjectId],
    ],
    file,
    kind,
  );
}

function postEvidence(subject: [string, string][], file: File, kind: EvidenceKind, title?: string) {
  const form = new FormData();
  for (const [name, value] of subject) form.append(name, value);
  form.append('kind', kind);
  if (title) form.append('title', title);
  form.append('file', file, file.name);
  return postForm<Evidence>('/evidence', form);
}

/** Every list of evidence and every dispute checklist may have changed. */
export function useInvalidateEvidence() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['evidence'] }),
      qc.invalidateQueries({ queryKey: ['disputes'] }),
    ]);
}

export function useFreeze(ticketId: string) {
  const invalidate = useInvalidateEvidence();
  return useMutation({
    mutationFn: () => api<{ items: Evidence[] }>('/evidence/freeze', { method: 'POST', body: { ticketId } }),
    onSuccess: () => invalidate(),
  });
}

export const useCustody = (id: string | null) =>
  useQuery({
    queryKey: ['evidence', 'custody', id],
    queryFn: async () => (await api<{ items: CustodyEntry[] }>(`/evidence/${id}/custody`)).items,
    enabled: !!id,
  });
