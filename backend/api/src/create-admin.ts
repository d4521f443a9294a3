import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigValidationError, describeEndpoint, loadConfig, AppError } from '@leitstand/backend/core';
import { createDataSource, ensureDatabase, runMigrations } from '@leitstand/backend/data-access';
import { createAdminWithLink } from '@leitstand/backend/auth';

const USAGE = `usage: npm run create-admin -- --email <address> --name "<display name>" [--language de|en] [--base-url <UI origin>]

Creates an admin on the database of DATABASE_URL (migrating it first, creating it if missing) and prints a
one-time set-password link (valid 24 h, single use). Refuses if the e-mail address exists.`;

/** `npm run create-admin`: the first admin on an empty database (see README "First admin on an empty database"). */
async function main(): Promise<void> {
  let values: { email?: string; name?: string; language?: string; 'base-url'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        language: { type: 'string' },
        'base-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.email || !values.name) fail(`--email and --name are required\n\n${USAGE}`);
  const language = values.language ?? 'de';
  if (language !== 'de' && language !== 'en') fail('--language must be de or en');
  const baseUrl = (values['base-url'] ?? 'http://localhost:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+$/.test(baseUrl)) fail('--base-url must be an origin such as https://leitstand.example.com');

  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigValidationError) fail(error.message);
    throw error;
  }
  await ensureDatabase(config.database.url);
  const dataSource = createDataSource({ url: config.database.url, poolSize: 2 }, 'leitstand-create-admin');
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    const { userId, link } = await createAdminWithLink(
      dataSource,
      { email: values.email, displayName: values.name, language },
      new Date(),
    );
    process.stdout.write(
      [
        `created admin ${values.email.trim().toLowerCase()} (${userId}) on ${describeEndpoint(config.database.url)}`,
        `set-password link (single use, valid until ${link.expiresAt}):`,
        `${baseUrl}${link.path}`,
        '',
      ].join('\n'),
    );
  } catch (error) {
    if (error instanceof AppError) fail(`create-admin refused: ${error.message}`);
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`create-admin failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
