import { Worker } from 'node:worker_threads';
import { AppError } from '../shared/app-error.js';
import type { ReadFailure, ReadRequest, ReadResult } from './read-upload.js';
import { IMPORT_LIMITS, type ImportLimits } from './table-limits.js';

// Compiled (dist/server) the worker is plain JavaScript; from the sources it needs tsx registered first.
const ENTRY = new URL(
  import.meta.url.endsWith('.js') ? './read-worker.js' : './read-worker-entry.mjs',
  import.meta.url,
);

type Job = {
  tenantId: string;
  request: Omit<ReadRequest, 'limits'>;
  resolve: (result: ReadResult) => void;
  reject: (error: unknown) => void;
};

type Reply = { ok: true; result: ReadResult } | { ok: false; failure: ReadFailure };

export type UploadReader = ReturnType<typeof createUploadReader>;

/**
 * Reads uploads off the event loop: each file in its own worker thread with a heap ceiling and a
 * time limit, at most `concurrency` at once, one at a time per tenant. The worker ends with its job,
 * so whatever a file made it allocate is given back; webhooks and other tenants never wait on it.
 */
export function createUploadReader({
  limits = IMPORT_LIMITS,
  concurrency = 2,
}: {
  limits?: ImportLimits;
  concurrency?: number;
} = {}) {
  const queue: Job[] = [];
  const tenantsBusy = new Set<string>();
  let running = 0;

  function runInWorker(job: Job): Promise<void> {
    return new Promise((done) => {
      const worker = new Worker(ENTRY, {
        resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: 32 },
        stdout: false,
        stderr: false,
      });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        tenantsBusy.delete(job.tenantId);
        fn();
        void worker.terminate().finally(done);
      };
      const timer = setTimeout(() => {
        settle(() =>
          job.reject(
            new AppError(
              'UNPROCESSABLE',
              `reading the file took longer than ${limits.parseMs / 1000} s and was stopped: split it or save it again as CSV`,
            ),
          ),
        );
      }, limits.parseMs);
      worker.on('message', (reply: Reply) => {
        settle(() =>
          reply.ok
            ? job.resolve(reply.result)
            : job.reject(new AppError(reply.failure.code, reply.failure.message)),
        );
      });
      worker.on('error', (error: Error & { code?: string }) => {
        settle(() =>
          job.reject(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new AppError(
                  'PAYLOAD_TOO_LARGE',
                  `the file needs more than ${limits.workerHeapMb} MiB of memory to read: split it or save it again as CSV`,
                )
              : error,
          ),
        );
      });
      worker.on('exit', (code) => {
        settle(() => job.reject(new Error(`the import reader stopped (exit code ${code})`)));
      });
      const bytes = new Uint8Array(job.request.bytes); // a copy the worker takes over
      worker.postMessage({ ...job.request, bytes, limits } satisfies ReadRequest, [bytes.buffer]);
    });
  }

  function next() {
    while (running < concurrency && queue.length) {
      const job = queue.shift()!;
      running++;
      void runInWorker(job).finally(() => {
        running--;
        next();
      });
    }
  }

  return {
    /** The table of one upload; a second upload of the same tenant while one is read gets 429. */
    read(tenantId: string, request: Omit<ReadRequest, 'limits'>): Promise<ReadResult> {
      if (tenantsBusy.has(tenantId)) {
        return Promise.reject(
          new AppError(
            'RATE_LIMITED',
            'another file of yours is being read: upload this one when it is done',
          ),
        );
      }
      tenantsBusy.add(tenantId);
      return new Promise<ReadResult>((resolve, reject) => {
        queue.push({ tenantId, request, resolve, reject });
        next();
      });
    },
    /** Files being read right now (for tests and metrics). */
    active: () => running,
    limits,
  };
}
