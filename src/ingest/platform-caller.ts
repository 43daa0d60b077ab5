import type { OutboundRequest, Platform, ShopAuth } from '../channels/channel.js';
import { createSimulatedPlatform, SIMULATED_API_BASE } from '../channels/fake-platform/simulated.js';
import type { OutboundPolicy } from '../http/outbound-policy.js';
import type { Clock } from '../shared/clock.js';
import type { IngestSettings } from './ingest-settings.js';
import { apiBaseFor, type PlatformResponse, sendToPlatform } from './platform-request.js';

export type PlatformCaller = ReturnType<typeof createPlatformCaller>;

/**
 * Where a shop's API calls go and who answers them. A simulated shop (demo, trial) is answered in
 * process by the built-in simulated platform, never the real one; any other shop through the
 * outbound-request policy (`sendToPlatform`). The outbox sender and the reconciler both call through
 * this, so neither can forget the simulated case.
 */
export function createPlatformCaller(deps: {
  outbound: Pick<OutboundPolicy, 'request'>;
  clock: Clock;
  settings: Pick<IngestSettings, 'apiBaseUrls' | 'sendTimeoutMs'>;
}) {
  const simulatedPlatform = createSimulatedPlatform();
  const simulated = (auth: ShopAuth) => auth.settings.simulated === true;
  return {
    /** The base address a shop's requests are planned against. */
    baseFor: (platform: Platform, auth: ShopAuth): string =>
      simulated(auth) ? `${SIMULATED_API_BASE}/${platform}` : apiBaseFor(platform, auth, deps.settings),
    /** Sends a planned request and answers with the platform's response. */
    call: async (platform: Platform, request: OutboundRequest, auth: ShopAuth): Promise<PlatformResponse> =>
      simulated(auth)
        ? simulatedPlatform.answer(platform, request, auth, deps.clock.now())
        : sendToPlatform(deps.outbound, request, deps.settings.sendTimeoutMs),
  };
}
