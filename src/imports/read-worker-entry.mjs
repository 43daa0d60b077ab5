// The worker's entry in plain JavaScript: the server runs TypeScript through tsx, which a worker
// thread does not inherit under every runner (vitest), so the worker registers it itself.
import { register } from 'tsx/esm/api';

register();
await import('./read-worker.ts');
