import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SECRET_FILE = 'token-secret';

/**
 * The demo's signing key, generated once and kept in the data folder (mode 0600),
 * so tokens minted by `npm run token` keep working across restarts.
 */
export function loadOrCreateSecret(dataDir: string): string {
  const path = join(dataDir, SECRET_FILE);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

/** A configured key must be long enough that guessing it is not an option. */
export const MIN_SECRET_LENGTH = 32;
