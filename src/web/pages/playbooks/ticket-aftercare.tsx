// What the playbooks feature adds to the ticket page: one component per column, so the ticket page
// needs only two one-line edits.
import { Flex } from 'antd';
import { ExposureCard } from './exposure-card.js';
import { NextStepCard } from './next-step-card.js';
import { OfferPanel } from './offer-panel.js';
import { useTicketTasks } from './playbooks-api.js';
import { TaskList } from './task-list.js';

/** Above the reply box: the suggested next step and the template picker. */
export function TicketGuidance({ ticketId }: { ticketId: string }) {
  return <NextStepCard ticketId={ticketId} />;
}

/** In the side column: the offer panel, the follow-up tasks and the exposure card. */
export function TicketResolution({ ticketId, closed }: { ticketId: string; closed: boolean }) {
  const tasks = useTicketTasks(ticketId);
  return (
    <Flex vertical gap={16}>
      <OfferPanel ticketId={ticketId} closed={closed} />
      <TaskList tasks={tasks.data} loading={tasks.isPending} />
      <ExposureCard ticketId={ticketId} />
    </Flex>
  );
}
