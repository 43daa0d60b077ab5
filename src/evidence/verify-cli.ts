import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { UUID_PATTERN } from '../shared/ids.js';
import { blobStoreFromConfig } from './blob-store-config.js';
import { verifyTenant } from './verify.js';

const USAGE = `usage: npm run evidence:verify -- [--tenant ID]

Checks each tenant's custody chain (every entry's hash and link) and re-hashes every stored file.
Prints one JSON line per tenant; exits 1 when any tenant has a break, 2 on bad arguments.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { tenant: { type: 'string' } }, strict: true });
  if (values.tenant !== undefined && !UUID_PATTERN.test(values.tenant)) {
    console.error(`error: --tenant must be a tenant id\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const store = blobStoreFromConfig(config.blobStore, config.dataDir);
    const tenants = values.tenant
      ? [values.tenant]
      : (
          await database.query<{ tenant_id: string }>(
            'select tenant_id from custody_heads order by tenant_id',
          )
        ).map((r) => r.tenant_id);
    let broken = 0;
    for (const tenantId of tenants) {
      const report = await verifyTenant(scopeTo(database.db, tenantId), store);
      if (!report.ok) broken++;
      console.log(JSON.stringify({ tenantId, ...report }));
    }
    return broken ? 1 : 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
