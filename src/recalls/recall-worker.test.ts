import { expect, test } from 'vitest';
import { startRecallWorker } from './recall-worker.js';

const waitFor = async (done: () => boolean) => {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(done()).toBe(true);
};

test('the recall worker answers on every run and sends reminders on their own slower beat', async () => {
  let answers = 0;
  let reminders = 0;
  let clock = 0;
  const sent: number[] = [];
  const stop = startRecallWorker(
    {
      inquiries: { sendAutomaticAnswers: async () => ++answers },
      notices: { sendDueReminders: async () => ++reminders },
    },
    { intervalMs: 1, remindersEveryMs: 1000, now: () => clock, onReminders: (n) => sent.push(n) },
  );
  await waitFor(() => answers >= 5);
  // The first run sends the due reminders; later runs within the beat do not.
  expect(reminders).toBe(1);
  clock = 1000;
  await waitFor(() => reminders === 2);
  await stop();
  expect(sent).toEqual([1, 2]);
});

test('a failing answer run does not keep the reminders from running, and the loop goes on', async () => {
  let answerRuns = 0;
  let reminders = 0;
  const errors: string[] = [];
  const stop = startRecallWorker(
    {
      inquiries: {
        sendAutomaticAnswers: async () => {
          answerRuns++;
          throw new Error('answers down');
        },
      },
      notices: {
        sendDueReminders: async () => {
          reminders++;
          throw new Error('reminders down');
        },
      },
    },
    { intervalMs: 1, remindersEveryMs: 0, onError: (e) => errors.push((e as Error).message) },
  );
  await waitFor(() => answerRuns >= 3 && reminders >= 3);
  await stop();
  expect(new Set(errors)).toEqual(new Set(['answers down', 'reminders down']));
});

test('stop waits for the run in progress and no run starts after it', async () => {
  let release = () => {};
  let runs = 0;
  const stop = startRecallWorker(
    {
      inquiries: {
        sendAutomaticAnswers: () =>
          new Promise<number>((resolve) => {
            runs++;
            release = () => resolve(0);
          }),
      },
      notices: { sendDueReminders: async () => 0 },
    },
    { intervalMs: 1 },
  );
  await waitFor(() => runs === 1);
  let stopped = false;
  const stopping = stop().then(() => (stopped = true));
  await new Promise((r) => setTimeout(r, 20));
  expect(stopped).toBe(false);
  release();
  await stopping;
  await new Promise((r) => setTimeout(r, 20));
  expect(runs).toBe(1);
});
