import { parseArgs } from 'node:util';
import { z } from 'zod';

const Options = z.object({
  target: z.string().default('http://127.0.0.1:3000'),
  shops: z.coerce.number().int().min(1).max(40).default(4),
  rate: z.coerce.number().min(0.1).max(5000).default(200),
  duration: z.coerce.number().min(1).max(3600).default(60),
  'max-events': z.coerce.number().int().min(1).max(2_000_000).optional(),
  duplicates: z.coerce.number().min(0).max(0.9).default(0.05),
  'out-of-order': z.coerce.number().min(0).max(0.9).default(0.05),
  concurrency: z.coerce.number().int().min(1).max(1024).default(64),
  seed: z.coerce.number().int().min(0).default(1),
  email: z.string().optional(),
  password: z.string().optional(),
  token: z.string().optional(),
  json: z.boolean().default(false),
});
export type SimulatorOptions = z.infer<typeof Options>;

export const USAGE = `npm run simulate -- [options]
  --target URL          loopback address of Aftercare (default http://127.0.0.1:3000)
  --email E --password P | --token T   an admin of the tenant whose shops receive the traffic
  --shops N             shops, platforms in turn (douyin, pinduoduo, tiktok, taobao); default 4
  --rate R              webhooks per second (default 200)
  --duration S          seconds (default 60); --max-events N caps the total
  --duplicates F        share delivered twice (default 0.05)
  --out-of-order F      share of a case's events swapped (default 0.05)
  --concurrency N       requests in flight at most (default 64)
  --seed N              same seed, same traffic
  --json                print the summary as JSON too`;

export function parseOptions(argv: string[], extra: Record<string, { type: 'string' | 'boolean' }> = {}) {
  const { values } = parseArgs({
    args: argv,
    options: {
      target: { type: 'string' },
      shops: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      'max-events': { type: 'string' },
      duplicates: { type: 'string' },
      'out-of-order': { type: 'string' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
      ...extra,
    },
    strict: true,
  });
  const parsed = Options.safeParse(values);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return { options: parsed.data, help: values.help === true, raw: values as Record<string, unknown> };
}
