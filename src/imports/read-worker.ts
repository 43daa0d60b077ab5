import { parentPort } from 'node:worker_threads';
import { type ReadRequest, readUpload, toReadFailure } from './read-upload.js';

// One file per message; the pool gives a worker one job at a time and ends it when it runs long.
parentPort?.on('message', async (request: ReadRequest) => {
  try {
    const result = await readUpload(request);
    parentPort?.postMessage({ ok: true, result });
  } catch (error) {
    parentPort?.postMessage({ ok: false, failure: toReadFailure(error) });
  }
});
