import { INTENTS, type Intent } from './intent.js';

/** Channels the assistant may answer on: private conversations only, never a public review. */
export const ASSISTANT_CHANNELS = ['live_chat', 'platform_message', 'wechat', 'email'] as const;
export type AssistantChannel = (typeof ASSISTANT_CHANNELS)[number];

export type AssistantSettings = {
  enabled: boolean;
  threshold: number;
  channels: AssistantChannel[];
  intents: Intent[];
  shipWithinHours: number;
  publicBaseUrl: string | null;
};

/**
 * Off until the merchant turns it on. 0.75 answers clear questions ("我的快递到哪了" scores 0.9+)
 * and leaves topic words and rhetorical questions to a person (see the figures in the note).
 * UNCERTAIN: 48 h is the usual platform ship-by promise for ordinary goods; shops set their own.
 */
export const DEFAULT_SETTINGS: AssistantSettings = {
  enabled: false,
  threshold: 0.75,
  channels: ['live_chat', 'platform_message'],
  intents: [...INTENTS],
  shipWithinHours: 48,
  publicBaseUrl: null,
};
