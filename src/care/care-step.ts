import type { CaseStep } from '../tickets/case-pipeline.js';
import { insertOptOuts } from './care-repo.js';
import { isOptOut } from './care-rules.js';

/**
 * A buyer who answers a care message with 退订 (or "STOP") gets no more of them: the reply is read
 * wherever it arrives (a new case or an existing one); whole replies only, so a complaint that
 * merely contains the word changes nothing.
 */
export const careOptOutStep: CaseStep = {
  name: 'care',
  async afterCreate({ scope }, created) {
    await insertOptOuts(
      scope,
      created.flatMap(({ ticket, first }) =>
        first && first.direction === 'inbound' && ticket.customerId && isOptOut(first.body)
          ? [{ customerId: ticket.customerId, source: 'buyer_reply' as const, createdBy: null }]
          : [],
      ),
    );
    return undefined;
  },
  async afterMessage({ scope }, written) {
    await insertOptOuts(
      scope,
      written.flatMap(({ ticket, message }) =>
        message.direction === 'inbound' && ticket.customerId && isOptOut(message.body)
          ? [{ customerId: ticket.customerId, source: 'buyer_reply' as const, createdBy: null }]
          : [],
      ),
    );
    return undefined;
  },
};
