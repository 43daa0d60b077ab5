import { assertLoopback, connect, ensureShops } from './api-client.js';
import { parseOptions, USAGE } from './options.js';
import { loadReviewTexts } from './texts.js';
import { formatSummary, runTraffic } from './traffic.js';

/** `npm run simulate`: signed platform webhooks against a local Aftercare, then a summary. */
async function main() {
  const { options, help } = parseOptions(process.argv.slice(2));
  if (help) {
    console.log(USAGE);
    return;
  }
  const base = assertLoopback(options.target).origin;
  const { client } = await connect(base, options);
  const shops = await ensureShops(client, options.shops);
  const texts = loadReviewTexts();
  const maxEvents = options['max-events'] ?? Math.ceil(options.rate * options.duration);
  console.log(
    `simulating ${options.rate}/s for ${options.duration}s (at most ${maxEvents}) to ${base} across ${shops.length} shops: ` +
      shops.map((s) => `${s.platform} ${s.id}`).join(', '),
  );
  const summary = await runTraffic(
    {
      base,
      shops,
      rate: options.rate,
      durationS: options.duration,
      maxEvents,
      duplicateShare: options.duplicates,
      outOfOrderShare: options['out-of-order'],
      concurrency: options.concurrency,
      seed: options.seed,
      texts,
    },
    (line) => console.log(line),
  );
  console.log(formatSummary(summary));
  if (options.json) console.log(JSON.stringify(summary));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
