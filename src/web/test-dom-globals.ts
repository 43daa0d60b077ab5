// Imported first by each component test of the console: a DOM (happy-dom) in the test's globals,
// while the test's Node environment stays as it is. The test runs the real server in the same
// process, so what the server needs stays Node's own (URL, fetch, Request, Response, streams…) and
// its modules keep the server's transform; React, antd and Testing Library get window and document.
import { GlobalWindow } from 'happy-dom';
import { populateGlobal } from 'vitest/runtime';

const window = new GlobalWindow({ url: 'http://console.test/', settings: { disableErrorCapturing: true } });
populateGlobal(globalThis, window, { bindFunctions: true });
