import { randomBytes } from 'node:crypto';
import { hash } from 'argon2';
import { Client } from 'pg';
import { DEFAULT_DATABASE_URL } from './stack';
import type { FixtureUser } from './portal-fixtures';

/**
 * An administrator of this run, written straight into the e2e database the way the first-admin step of an
 * operator would (admins serve every tenant). The suffix keeps reruns apart.
 */
export async function seedAdmin(
  databaseUrl = process.env['E2E_DATABASE_URL'] ?? DEFAULT_DATABASE_URL,
): Promise<FixtureUser & { suffix: string }> {
  const suffix = randomBytes(4).toString('hex');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const email = `e2e-admin-${suffix}@example.test`;
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const displayName = `E2E Admin ${suffix}`;
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO users (email, display_name, role, tenant_id, password_hash, active, version)
       VALUES ($1, $2, 'admin', NULL, $3, true, 1) RETURNING id`,
      [email, displayName, await hash(password)],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('[e2e] admin insert returned no id');
    return { id, email, password, displayName, suffix };
  } finally {
    await client.end();
  }
}
