// Component tests of the console: a page or widget rendered in a DOM (happy-dom, see the
// `@vitest-environment happy-dom` line at the top of each test) against the real server — the
// console's fetch goes to the real Fastify app (app.inject, no socket) on the test's own database,
// logged in as the given client. Nothing is mocked: what a widget shows is what the server answered.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, configure, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, onTestFinished } from 'vitest';
import type { TestApp, TestClient } from '../http/test-app.js';
import { AuthProvider } from './app/auth.js';
import { i18n } from './app/i18n.js';
import { LocaleProvider } from './app/locale-provider.js';

// Every answer comes from the real server, on a machine that may be busy: wait for it generously.
configure({ asyncUtilTimeout: 20_000 });
afterEach(() => cleanup());

// A worker that runs more than one test file (vitest's `isolate: false`) evaluates this module once:
// hooks registered above belong to the first file only, and the stubbed fetch would outlive its app.
// So each render unmounts itself and gives fetch back when its test ends.
const nodeFetch = globalThis.fetch;
let served: typeof fetch = nodeFetch;

/** The browser's fetch, answered by the real app with the client's session cookie (renderConsole puts it in place for its test). */
export function serveFrom(t: TestApp, client: () => TestClient | undefined) {
  const calls: { method: string; url: string; status: number }[] = [];
  served = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://console.test',
    );
    const method = (init.method ?? 'GET') as 'GET';
    const cookie = client()?.cookie;
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => {
      headers[k] = v;
    });
    const form = init.body instanceof FormData ? await multipart(init.body) : undefined;
    if (form) headers['content-type'] = form.contentType;
    const payload = form ? form.body : typeof init.body === 'string' ? init.body : undefined;
    const res = await t.app.inject({
      method,
      url: `${url.pathname}${url.search}`,
      headers: { ...headers, ...(cookie ? { cookie } : {}) },
      ...(payload === undefined ? {} : { payload }),
    });
    calls.push({ method, url: url.pathname, status: res.statusCode });
    return new Response(res.statusCode === 204 ? null : res.body, {
      status: res.statusCode,
      headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') },
    });
  };
  return calls;
}

/** A form as the browser sends it (multipart/form-data), files included. */
async function multipart(form: FormData): Promise<{ contentType: string; body: Buffer }> {
  const boundary = `----console-test-${Math.random().toString(36).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of form.entries()) {
    const file = typeof value === 'string' ? undefined : (value as File);
    const disposition = file
      ? `form-data; name="${name}"; filename="${file.name}"\r\nContent-Type: ${file.type || 'application/octet-stream'}`
      : `form-data; name="${name}"`;
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
    parts.push(file ? Buffer.from(await file.arrayBuffer()) : Buffer.from(value as string));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}

/** Renders `ui` inside what the shell gives every page: queries, antd and its App, i18n, auth, router. */
export async function renderConsole(ui: ReactNode, { locale = 'zh-CN', path = '/' } = {}) {
  await i18n.changeLanguage(locale);
  globalThis.fetch = served;
  onTestFinished(() => {
    cleanup();
    globalThis.fetch = nodeFetch;
  });
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } },
  });
  return render(
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <MemoryRouter initialEntries={[path]}>
          <AuthProvider>{ui}</AuthProvider>
        </MemoryRouter>
      </LocaleProvider>
    </QueryClientProvider>,
  );
}
