/** Where a platform pushes a shop's events (the webhook route is POST /hooks/<platform>/<shopId>). */
export type WebhookAddress = {
  url: string;
  /** Platforms only push to https addresses; an http address works for local tests only. */
  https: boolean;
  /** False: no public base URL is configured (AFTERCARE_PUBLIC_URL) and the address is guessed from this request. */
  configured: boolean;
};

/** The shop's webhook address from the configured public base URL, else the address the console was reached at. */
export function webhookAddress(
  base: { configured: string | undefined; requestOrigin: string },
  platform: string,
  shopId: string,
): WebhookAddress {
  const root = (base.configured ?? base.requestOrigin).replace(/\/+$/, '');
  return {
    url: `${root}/hooks/${encodeURIComponent(platform)}/${encodeURIComponent(shopId)}`,
    https: root.startsWith('https://'),
    configured: base.configured !== undefined,
  };
}
