import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { aQualityCase } from '../playbooks/test-fixtures.js';

/**
 * Whichever domain writes a message on a case, every step of the case pipeline sees it: search
 * indexes it and the SLA clock puts it on the case's timeline. (The survey used to reach only the
 * outbox, and the acknowledgement skipped the SLA clock and the audit trail.)
 */
let t: TestApp;
let a: TestClient;
let agent: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  agent = await a.addUser('agent');
});

type Message = { id: string; direction: string; authorType: string; body: string; createdAt: string };
type TimelineEvent = { type: string; at: number; automatic?: boolean; status?: string };

const threadOf = async (ticketId: string): Promise<Message[]> =>
  (await a.request('GET', `/api/v1/tickets/${ticketId}/messages`)).json().items;
const timelineOf = async (ticketId: string): Promise<TimelineEvent[]> =>
  (await a.request('GET', `/api/v1/sla/tickets/${ticketId}`)).json().timeline;
const searchHits = async (q: string): Promise<{ id: string; search: { messageId: string | null } }[]> =>
  (await a.request('GET', `/api/v1/search?q=${encodeURIComponent(q)}`)).json().items;

describe('the case pipeline', () => {
  test('the SLA acknowledgement is searchable, on the SLA timeline and in the audit trail', async () => {
    const { ticketId } = await aQualityCase(a);
    const ack = (await threadOf(ticketId)).find((m) => m.authorType === 'system');
    expect(ack?.body).toContain('您的消息我们已收到');

    const hits = await searchHits('耐心');
    expect(hits.find((h) => h.id === ticketId)?.search.messageId).toBe(ack!.id);
    expect(await timelineOf(ticketId)).toContainEqual({
      type: 'outbound',
      at: new Date(ack!.createdAt).getTime(),
      automatic: true,
    });
    const audit = (await a.request('GET', `/api/v1/tickets/${ticketId}/audit`)).json().items;
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'acknowledgement_sent', after: { messageId: ack!.id } }),
    );
  });

  test('the satisfaction survey sent on close is searchable and on the SLA timeline', async () => {
    const { ticketId } = await aQualityCase(a, { customerName: '赵先生' });
    const closed = await agent.request('POST', `/api/v1/tickets/${ticketId}/status`, {
      status: 'closed',
      rootCause: 'supplier_defect',
    });
    expect(closed.statusCode).toBe(200);
    const survey = (await threadOf(ticketId)).at(-1)!;
    expect(survey).toMatchObject({ direction: 'outbound', authorType: 'system' });
    expect(survey.body).toContain('赵先生');

    const hits = await searchHits('认真');
    expect(hits.find((h) => h.id === ticketId)?.search.messageId).toBe(survey.id);
    const timeline = await timelineOf(ticketId);
    expect(timeline).toContainEqual({
      type: 'outbound',
      at: new Date(survey.createdAt).getTime(),
      automatic: true,
    });
    expect(timeline.at(-1)).toMatchObject({ type: 'status', status: 'closed' });
  });

  test('an accepted offer moves the case through the pipeline: the SLA clock sees the move', async () => {
    const { ticketId } = await aQualityCase(a);
    const offer = (
      await agent.request('POST', `/api/v1/tickets/${ticketId}/offers`, { remedy: 'exchange' })
    ).json();
    await agent.request('POST', `/api/v1/offers/${offer.id}/tell`, { via: 'phone' });
    expect((await agent.request('POST', `/api/v1/offers/${offer.id}/accept`, {})).statusCode).toBe(200);
    const ticket = (await a.request('GET', `/api/v1/tickets/${ticketId}`)).json();
    const statuses = (await timelineOf(ticketId)).filter((e) => e.type === 'status').map((e) => e.status);
    expect(statuses.at(-1)).toBe(ticket.status);
    expect(statuses).toContain('resolving');
  });

  test('what the ticket service answers is what is stored: no step writes behind its back', async () => {
    const { ticketId } = await aQualityCase(a);
    const reply = await agent.request('POST', `/api/v1/tickets/${ticketId}/messages`, {
      direction: 'outbound',
      body: '非常抱歉给您带来不便，我们马上为您换一个新的',
    });
    expect(reply.statusCode).toBe(201);
    const stored = (await a.request('GET', `/api/v1/tickets/${ticketId}`)).json();
    const { sla: answeredSla, ...answered } = reply.json().ticket;
    const { sla: storedSla, ...rest } = stored;
    expect(answered).toEqual(
      expect.objectContaining(Object.fromEntries(Object.entries(rest).filter(([k]) => k in answered))),
    );
    expect(answeredSla).toEqual(storedSla);
    const message = (await threadOf(ticketId)).find((m) => m.id === reply.json().message.id);
    expect(reply.json().message).toEqual(message);
  });
});
