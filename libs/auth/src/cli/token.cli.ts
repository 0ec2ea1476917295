// npm run token -- --role ROLE [--unit CODE] [--level LEVEL] [--sub NAME] [--ttl 1h]
// Prints one signed token, and nothing else, on standard output. The key is
// TOKEN_SECRET, or the key kept in DATA_DIR (created if missing). A PROVINCE_OFFICER
// token is for a province node's own API: signed with that node's key, whose
// DATA_DIR defaults to ./data/province-<unit>.
//
// npm run token -- revoke <jti> [--central http://localhost:3000] [--reason text]
// Revokes a token by its id through the central app (as the PMO, with the same key):
// every central instance refuses it within a minute.
import { DomainError, EscalationLevel, Role } from '@tracker/domain';
import jwt from 'jsonwebtoken';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { centralAuthority, provinceAuthority } from '../authorities';
import { loadOrCreateSecret } from '../token-secret';
import { signToken } from '../tokens';

export function mintFromArgs(argv: string[], env: Record<string, string | undefined>): string {
  const { values } = parseArgs({
    args: argv,
    options: {
      role: { type: 'string' },
      unit: { type: 'string' },
      level: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '12h' },
    },
    strict: true,
  });
  if (!values.role) throw DomainError.badInput('role', '--role is required');
  const officer = values.role === Role.PROVINCE_OFFICER;
  const dataDir = env.DATA_DIR || (officer ? `./data/province-${values.unit}` : './data/central');
  const secret = env.TOKEN_SECRET || loadOrCreateSecret(dataDir);
  return signToken(
    officer ? provinceAuthority(values.unit!, secret) : centralAuthority(secret),
    {
      role: values.role as Role,
      unit: values.unit,
      level: values.level as EscalationLevel | undefined,
      sub: values.sub,
    },
    values.ttl!,
  );
}

/** Revokes a token through the central API, authenticating with a short PMO token of the same key. */
export async function revokeFromArgs(
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { central: { type: 'string' }, reason: { type: 'string' } },
    allowPositionals: true,
  });
  const jti = positionals[0];
  if (!jti)
    throw DomainError.badInput(
      'jti',
      'usage: npm run token -- revoke <jti> [--central URL] [--reason text]',
    );
  const secret = env.TOKEN_SECRET || loadOrCreateSecret(env.DATA_DIR || './data/central');
  const pmo = signToken(centralAuthority(secret), { role: Role.PMO, sub: 'token-cli' }, '5m');
  const central = (values.central ?? env.CENTRAL_URL ?? 'http://localhost:3000').replace(
    /\/+$/,
    '',
  );
  const res = await fetch(`${central}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${pmo}` },
    body: JSON.stringify({
      query: 'mutation($jti: ID!, $reason: String) { revokeToken(jti: $jti, reason: $reason) }',
      variables: { jti, reason: values.reason ?? null },
    }),
  });
  const body = (await res.json()) as {
    data?: { revokeToken: boolean };
    errors?: { message: string }[];
  };
  if (!body.data?.revokeToken) throw new Error(body.errors?.[0]?.message ?? `HTTP ${res.status}`);
  return `revoked ${jti}`;
}

/**
 * With DATABASE_URL (a production server), a minted token is appended to the
 * central audit log: who minted what, for whom, until when. The embedded demo
 * database belongs to the running demo process, so demo mints are not audited.
 */
export async function auditMint(
  token: string,
  url: string | undefined,
  who: string,
): Promise<void> {
  if (!url) return;
  const claims = jwt.decode(token) as {
    jti: string;
    sub: string;
    role: string;
    unit?: string;
    level?: string;
    exp: number;
  };
  const client = new Client({ connectionString: url, application_name: 'nsdb-token-cli' });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO audit_log (actor, role, action, subject, detail) VALUES ($1, 'CLI', 'token.mint', $2, $3::jsonb)`,
      [
        who,
        claims.jti,
        JSON.stringify({
          sub: claims.sub,
          role: claims.role,
          unit: claims.unit ?? null,
          level: claims.level ?? null,
          expiresAt: new Date(claims.exp * 1000).toISOString(),
        }),
      ],
    );
  } finally {
    await client.end();
  }
}

async function main(argv: string[]): Promise<string> {
  if (argv[0] === 'revoke') return revokeFromArgs(argv.slice(1), process.env);
  const token = mintFromArgs(argv, process.env);
  await auditMint(token, process.env.DATABASE_URL, process.env.USER ?? 'token-cli');
  return token;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (out) => process.stdout.write(`${out}\n`),
    (e: unknown) => {
      process.stderr.write(`token: ${e instanceof Error ? e.message : String(e)}\n`);
      process.stderr.write(
        'usage: npm run token -- --role PMO|LEADER|PROVINCE_NODE|AGENCY|OBSERVER|PROVINCE_OFFICER [--unit CODE] [--level LEVEL] [--sub NAME] [--ttl 12h]\n' +
          '       npm run token -- revoke <jti> [--central URL] [--reason text]\n',
      );
      process.exit(2);
    },
  );
}
