import { createAssistantStep } from './assistant/assistant-step.js';
import { createDefenceStep } from './brand/defence-step.js';
import { careOptOutStep } from './care/care-step.js';
import { outboxStep } from './ingest/outbox.js';
import { createPlaybookStep } from './playbooks/playbook-step.js';
import { createComplaintStep } from './quality/complaint-step.js';
import { inquiryStep } from './recalls/inquiry-service.js';
import { replyCheckStep } from './replycheck/replycheck-step.js';
import { searchIndexStep } from './search/search-service.js';
import type { Clock } from './shared/clock.js';
import type { SlaEngine } from './sla/sla-engine.js';
import type { CaseStep } from './tickets/case-pipeline.js';
import type { TriageService } from './triage/triage-service.js';

/**
 * The case pipeline, in order: after every write to a case (created, messages, status moves, edits),
 * the ticket service runs each step once, inside the same transaction. A step sees the rows as the
 * steps above it left them and returns the rows it changed (see CaseStep in tickets/case-pipeline.ts).
 *
 * A new domain that reacts to cases adds one line here, with a comment saying why it sits where it sits.
 */
export function caseSteps(deps: { clock: Clock; triage: TriageService; slaEngine: SlaEngine }): CaseStep[] {
  return [
    // First: classifies, so every step below sees the categories and severity.
    deps.triage.step,
    // Refuses a reply with a blocking finding before anything indexes or queues it (the write rolls back).
    replyCheckStep,
    // Indexes subjects and messages for search.
    searchIndexStep,
    // Queues outbound messages for the platforms (or records them as sent).
    outboxStep,
    // Flags blocklisted buyers; on close records the remedy and sends the satisfaction survey.
    createPlaybookStep({ clock: deps.clock }),
    // A buyer's message about a recalled product or batch joins the recall queue (case kind recall_inquiry).
    inquiryStep(deps.clock),
    // A not-as-described case on an order is tied to the listing version its buyer saw and raises a fix
    // task for the claim; after triage, whose categories it reads. Writes only quality's own rows.
    createComplaintStep({ clock: deps.clock }),
    // A platform notice of an IP complaint against our shop becomes a defence with its answer deadline and
    // raises the case to high severity; before SLA, whose due times read that severity.
    createDefenceStep({ clock: deps.clock }),
    // A buyer's 退订 in answer to a care message stops further ones (writes only care's own rows).
    careOptOutStep,
    // Answers a clear basic buyer question from the order and the knowledge base (or hands it over with
    // a draft); after triage (language) and before SLA, which then sees the automatic answer.
    createAssistantStep({ clock: deps.clock }),
    // Last: due times read the severity triage set; writes the automatic acknowledgement.
    deps.slaEngine.step,
  ];
}
