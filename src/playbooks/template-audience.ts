import type { TicketChannel } from '../tickets/ticket-types.js';
import { type TemplateVariable, templateVariables } from './template-vars.js';

/** Where a template may be used: private conversations with the buyer, public review replies, or both. */
export const TEMPLATE_AUDIENCES = ['private', 'public', 'both'] as const;
export type TemplateAudience = (typeof TEMPLATE_AUDIENCES)[number];

/** Channels everyone can read (a review reply, a Weibo post): the same set the reply check uses. */
export const PUBLIC_TICKET_CHANNELS: ReadonlySet<TicketChannel> = new Set(['review', 'weibo']);

/**
 * Variables that put the buyer's personal data or identifiers into the text: a reply everyone can
 * read must not carry them (PIPL art. 10 and 28; the platforms' review-reply rules).
 */
export const PERSONAL_VARIABLES: readonly TemplateVariable[] = ['customer_name', 'order_id', 'tracking_no'];

export const allowsPublic = (a: TemplateAudience) => a !== 'private';

/** The personal-data variables in a template body (empty: fit for a public reply). */
export function personalVariables(body: string): string[] {
  const personal = new Set<string>(PERSONAL_VARIABLES);
  return templateVariables(body).filter((v) => personal.has(v));
}

export type TemplateFit =
  | { usable: true; warning: null }
  | { usable: false; warning: 'private_only' | 'personal_data'; variables: string[] };

/** Whether a template may be used on a case in this channel, and why not (its personal data first). */
export function templateFit(audience: TemplateAudience, body: string, channel: TicketChannel): TemplateFit {
  // A text written for everyone harms nobody in a private chat.
  if (!PUBLIC_TICKET_CHANNELS.has(channel)) return { usable: true, warning: null };
  const personal = personalVariables(body);
  if (personal.length) return { usable: false, warning: 'personal_data', variables: personal };
  if (!allowsPublic(audience)) return { usable: false, warning: 'private_only', variables: [] };
  return { usable: true, warning: null };
}
