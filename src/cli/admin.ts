import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createAuthService } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { AppError } from '../shared/app-error.js';
import { systemClock } from '../shared/clock.js';

const USAGE = `usage: npm run admin -- <command> [options]

commands:
  create-tenant --name NAME --email EMAIL --password PASSWORD
      create a merchant (tenant) and its first admin, whether or not sign-up is open`;

const CreateTenant = z.object({
  name: z.string({ error: '--name is required' }).trim().min(1, '--name must not be empty').max(100),
  email: z.email({ error: '--email must be an e-mail address' }),
  password: z.string({ error: '--password is required' }).min(10, '--password needs at least 10 characters'),
});

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'create-tenant') {
    console.error(command ? `unknown command: ${command}\n\n${USAGE}` : USAGE);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } },
    strict: true,
  });
  const parsed = CreateTenant.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`error: ${issue.message}`);
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const auth = createAuthService({
      db: database.db,
      clock: systemClock,
      sessionTtlHours: 1,
      openSignup: true,
    });
    const { tenantId, userId } = await auth.createTenant({
      tenantName: parsed.data.name,
      email: parsed.data.email,
      password: parsed.data.password,
    });
    console.log(JSON.stringify({ tenantId, userId, email: parsed.data.email.toLowerCase() }));
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`error: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
