// Every console feature registers its strings here with ONE line: `<namespace>: <feature>I18n,`.
// A feature file src/web/pages/<feature>/i18n.ts exports { 'zh-CN': {...}, en: {...} };
// components read them with useTranslation('<namespace>') or t('<namespace>:key').
import { analyticsI18n } from '../pages/analytics/i18n.js';
import { assistantI18n } from '../pages/assistant/i18n.js';
import { authI18n } from '../pages/auth/i18n.js';
import { brandI18n } from '../pages/brand/i18n.js';
import { brandDefenceI18n } from '../pages/brand/i18n-defence.js';
import { careI18n } from '../pages/care/i18n.js';
import { channelsI18n } from '../pages/channels/i18n.js';
import { coachingI18n } from '../pages/coaching/i18n.js';
import { disputesI18n } from '../pages/disputes/i18n.js';
import { evidenceI18n } from '../pages/evidence/i18n.js';
import { importsI18n } from '../pages/imports/i18n.js';
import { inboxI18n } from '../pages/inbox/i18n.js';
import { kbI18n } from '../pages/kb/i18n.js';
import { newCaseI18n } from '../pages/new-case/i18n.js';
import { playbooksI18n } from '../pages/playbooks/i18n.js';
import { privacyI18n } from '../pages/privacy/i18n.js';
import { qualityI18n } from '../pages/quality/i18n.js';
import { recallsI18n } from '../pages/recalls/i18n.js';
import { replycheckI18n } from '../pages/replycheck/i18n.js';
import { searchI18n } from '../pages/search/i18n.js';
import { settingsI18n } from '../pages/settings/i18n.js';
import { shopsI18n } from '../pages/shops/i18n.js';
import { slaI18n } from '../pages/sla/i18n.js';
import { suppliersI18n } from '../pages/suppliers/i18n.js';
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
  privacy: privacyI18n,
  search: searchI18n,
  imports: importsI18n,
  playbooks: playbooksI18n,
  triage: triageI18n,
  sla: slaI18n,
  quality: qualityI18n,
  suppliers: suppliersI18n,
  recalls: recallsI18n,
  evidence: evidenceI18n,
  disputes: disputesI18n,
  brand: brandI18n,
  brandDefence: brandDefenceI18n,
  analytics: analyticsI18n,
  replycheck: replycheckI18n,
  kb: kbI18n,
  assistant: assistantI18n,
  care: careI18n,
  coaching: coachingI18n,
};
