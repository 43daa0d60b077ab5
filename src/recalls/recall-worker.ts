import type { InquiryService } from './inquiry-service.js';
import type { NoticeService } from './notice-service.js';

/**
 * The recall worker: automatic answers to recall inquiries (campaigns that turned them on) every
 * couple of seconds, and the reminder waves each campaign's schedule says are due. Both claim their
 * work under a lock, so several worker processes never answer or remind twice.
 */
export function startRecallWorker(
  services: { inquiries: InquiryService; notices: NoticeService },
  {
    intervalMs = 2000,
    remindersEveryMs = 30_000,
    onError = (_e: unknown) => {},
    onReminders = (_sent: number) => {},
  } = {},
) {
  let stopped = false;
  let lastReminders = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    try {
      await services.inquiries.sendAutomaticAnswers();
    } catch (error) {
      onError(error);
    }
    if (Date.now() - lastReminders >= remindersEveryMs) {
      lastReminders = Date.now();
      try {
        const sent = await services.notices.sendDueReminders();
        if (sent) onReminders(sent);
      } catch (error) {
        onError(error);
      }
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), intervalMs);
  };
  timer = setTimeout(() => (running = tick()), intervalMs);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
