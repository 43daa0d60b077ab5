import { loadConfig } from '../config.js';
import { BackupError, createBackup, restoreBackup } from './backup.js';

/**
 * npm run backup -- --out DIR            back up the install that DATA_DIR / DATABASE_URL name
 * npm run restore -- --from DIR [--force] [--quick]
 * PGlite allows one process: stop the server first. PostgreSQL backs up while the server runs.
 */
const USAGE = 'usage: backup --out DIR | restore --from DIR [--force] [--quick]';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv: string[]) {
  const [command, ...args] = argv;
  const config = loadConfig();
  const install = { dataDir: config.dataDir, databaseUrl: config.databaseUrl, secret: config.secret };
  const started = Date.now();
  if (command === 'backup') {
    const out = option(args, '--out');
    if (!out) throw new BackupError(USAGE);
    const manifest = await createBackup(install, out);
    console.log(
      `backed up ${manifest.counts.tickets} cases, ${manifest.counts.messages} messages, ` +
        `${manifest.blobs.files} files (${manifest.engine}) to ${out} in ${Date.now() - started} ms`,
    );
    if (manifest.keyFileIncluded) console.log('the backup holds secret.key: keep it as safe as the data');
    return 0;
  }
  if (command === 'restore') {
    const from = option(args, '--from');
    if (!from) throw new BackupError(USAGE);
    const { manifest, problems } = await restoreBackup(install, from, {
      force: args.includes('--force'),
      quick: args.includes('--quick'),
    });
    for (const problem of problems) console.error(`problem: ${problem}`);
    console.log(
      `restored ${manifest.counts.tickets} cases from ${manifest.createdAt} in ${Date.now() - started} ms: ` +
        (problems.length === 0 ? 'every row, file and sealed value checked' : `${problems.length} problems`),
    );
    return problems.length === 0 ? 0 : 2;
  }
  throw new BackupError(USAGE);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
