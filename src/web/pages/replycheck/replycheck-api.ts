import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Json } from '../../../http/json-dates.js';
import { replyLength } from '../../../replycheck/reply-limits.js';
import type { ReplyLimitView, RuleView } from '../../../replycheck/replycheck-routes.js';
import { api } from '../../app/api.js';

export type ReplyLimit = Json<typeof ReplyLimitView>;

/** The longest reply the case's channel takes, and how long the draft is (counted as the server counts). */
export function useReplyLimit(ticketId: string, body: string) {
  const query = useQuery({
    queryKey: ['reply-limit', ticketId],
    queryFn: () => api<ReplyLimit>(`/tickets/${ticketId}/reply-limit`, { silent: true }),
    staleTime: 60_000,
  });
  const length = replyLength(body.trim());
  const limit = query.data?.limit;
  return { limit: query.data, length, over: limit !== undefined && length > limit };
}

export type CheckCategory =
  | 'insult'
  | 'threat'
  | 'blame'
  | 'promise'
  | 'personal_data'
  | 'absolute_claim'
  | 'other_platform'
  | 'off_platform_contact';

export type Finding = {
  rule: string;
  category: CheckCategory;
  severity: 'warning' | 'block';
  start: number;
  end: number;
  text: string;
  message: string;
};

export type RulePlatform = 'all' | 'douyin' | 'pinduoduo' | 'tiktok' | 'taobao';
export const RULE_PLATFORMS: RulePlatform[] = ['all', 'douyin', 'pinduoduo', 'tiktok', 'taobao'];

export type CheckRule = Json<typeof RuleView>;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** The server's findings on a draft, re-checked a moment after the agent stops typing. */
export function useReplyCheck(ticketId: string, body: string, locale: string, enabled: boolean) {
  const draft = useDebounced(body.trim(), 300);
  const query = useQuery({
    queryKey: ['reply-check', ticketId, draft, locale],
    queryFn: ({ signal }) =>
      api<{ findings: Finding[] }>('/replies/check', {
        method: 'POST',
        body: { ticketId, body: draft, locale: locale === 'en' ? 'en' : 'zh-CN' },
        silent: true,
        signal,
      }),
    enabled: enabled && draft.length > 0,
    staleTime: 60_000,
  });
  const current = draft === body.trim();
  return {
    findings: enabled && draft ? (query.data?.findings ?? []) : [],
    checking: enabled && body.trim().length > 0 && (!current || query.isFetching),
  };
}

export const rulesKey = (platform: RulePlatform) => ['reply-check-rules', platform] as const;

export function useRules(platform: RulePlatform) {
  return useQuery({
    queryKey: rulesKey(platform),
    queryFn: () => api<{ items: CheckRule[] }>('/reply-checks/rules', { query: { platform } }),
  });
}
