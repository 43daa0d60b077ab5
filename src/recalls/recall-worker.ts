import { startIntervalWorker } from '../shared/interval-worker.js';
import type { InquiryService } from './inquiry-service.js';
import type { NoticeService } from './notice-service.js';

type RecallWorkerServices = {
  inquiries: Pick<InquiryService, 'sendAutomaticAnswers'>;
  notices: Pick<NoticeService, 'sendDueReminders'>;
};

/**
 * The recall worker: automatic answers to recall inquiries (campaigns that turned them on) every
 * couple of seconds, and the reminder waves each campaign's schedule says are due, on a slower beat
 * inside the same run. Both claim their work under a lock, so several worker processes never answer
 * or remind twice; a failure of one is reported and does not keep the other from running.
 */
export function startRecallWorker(
  services: RecallWorkerServices,
  {
    intervalMs = 2000,
    remindersEveryMs = 30_000,
    now = () => Date.now(),
    onError = (_e: unknown) => {},
    onReminders = (_sent: number) => {},
  } = {},
): () => Promise<void> {
  let lastReminders = Number.NEGATIVE_INFINITY;
  return startIntervalWorker(
    async () => {
      try {
        await services.inquiries.sendAutomaticAnswers();
      } catch (error) {
        onError(error);
      }
      if (now() - lastReminders < remindersEveryMs) return;
      lastReminders = now();
      const sent = await services.notices.sendDueReminders();
      if (sent) onReminders(sent);
    },
    { intervalMs, onError },
  );
}
