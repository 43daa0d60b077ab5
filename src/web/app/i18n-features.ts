// Every console feature registers its strings here with ONE line: `<namespace>: <feature>I18n,`.
// A feature file src/web/pages/<feature>/i18n.ts exports { 'zh-CN': {...}, en: {...} };
// components read them with useTranslation('<namespace>') or t('<namespace>:key').
import { authI18n } from '../pages/auth/i18n.js';
import { channelsI18n } from '../pages/channels/i18n.js';
import { importsI18n } from '../pages/imports/i18n.js';
import { inboxI18n } from '../pages/inbox/i18n.js';
import { newCaseI18n } from '../pages/new-case/i18n.js';
import { playbooksI18n } from '../pages/playbooks/i18n.js';
import { searchI18n } from '../pages/search/i18n.js';
import { settingsI18n } from '../pages/settings/i18n.js';
import { shopsI18n } from '../pages/shops/i18n.js';
import { slaI18n } from '../pages/sla/i18n.js';
import { ticketI18n } from '../pages/ticket/i18n.js';
import { triageI18n } from '../pages/triage/i18n.js';

export const features = {
  auth: authI18n,
  channels: channelsI18n,
  inbox: inboxI18n,
  ticket: ticketI18n,
  newCase: newCaseI18n,
  shops: shopsI18n,
  settings: settingsI18n,
  search: searchI18n,
  imports: importsI18n,
  playbooks: playbooksI18n,
  triage: triageI18n,
  sla: slaI18n,
};
