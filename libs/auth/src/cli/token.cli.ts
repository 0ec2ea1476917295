// npm run token -- --role ROLE [--unit CODE] [--level LEVEL] [--sub NAME] [--ttl 1h]
// Prints one signed token, and nothing else, on standard output. The key is
// TOKEN_SECRET, or the key kept in DATA_DIR (created if missing). A PROVINCE_OFFICER
// token is for a province node's own API: signed with that node's key, whose
// DATA_DIR defaults to ./data/province-<unit>.
//
// npm run token -- revoke <jti> [--central http://localhost:3000] [--reason text]
// Revokes a token by its id through the central app (as the PMO, with the same key):
// every central instance refuses it as soon as it hears of it on the change bus.
import { CliSpec, cliArgs, exitUsage, parseCliArgs, UsageError } from '@tracker/cli';
import { DomainError, DomainErrorCode, EscalationLevel, Role } from '@tracker/domain';
import jwt from 'jsonwebtoken';
import { centralAuthority, provinceAuthority } from '../authorities';
import { loadOrCreateSecret } from '../token-secret';
import { signToken } from '../tokens';

const MINT_CLI = {
  name: 'token',
  summary: 'prints one signed token on stdout (or, with revoke, revokes one)',
  usage: [
    'npm run token -- --role ROLE [--unit CODE] [--level LEVEL] [--sub NAME] [--ttl 12h]',
    'npm run token -- revoke <jti> [--central URL] [--reason TEXT]   (see revoke --help)',
  ],
  options: {
    role: {
      type: 'string',
      value: 'ROLE',
      description: `who the token is for: ${Object.values(Role).join(', ')}`,
    },
    unit: {
      type: 'string',
      value: 'CODE',
      description:
        'the unit: a province (01) for PROVINCE_NODE and PROVINCE_OFFICER, an agency (BTNMT) for AGENCY, the unit a LEADER leads',
    },
    level: {
      type: 'string',
      value: 'LEVEL',
      description: `a LEADER's level: ${Object.values(EscalationLevel).join(', ')}`,
    },
    sub: { type: 'string', value: 'NAME', description: "the token's subject (who holds it)" },
    ttl: {
      type: 'string',
      value: 'TTL',
      default: '12h',
      description: 'how long it is valid: a number and s, m, h or d, at most 366d',
    },
  },
} satisfies CliSpec;

const REVOKE_CLI = {
  name: 'token revoke',
  summary: 'revokes a token by its id through the central app, as the PMO, with the same key',
  usage: ['npm run token -- revoke <jti> [--central URL] [--reason TEXT]'],
  positionals: true,
  options: {
    central: {
      type: 'string',
      value: 'URL',
      description: 'the central app (default CENTRAL_URL, else http://localhost:3000)',
    },
    reason: { type: 'string', value: 'TEXT', description: 'why, for the audit log' },
  },
} satisfies CliSpec;

export function mintFromArgs(argv: string[], env: Record<string, string | undefined>): string {
  const { values } = parseCliArgs(MINT_CLI, argv);
  if (!values.role) throw new UsageError('--role is required');
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
  const { values, positionals } = parseCliArgs(REVOKE_CLI, argv);
  const [jti, ...extra] = positionals;
  if (!jti) throw new UsageError('revoke needs the id (jti) of the token to revoke');
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
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
  // pg only here, and only then: a mint without DATABASE_URL starts without it (~0.2 s)
  const { Client } = (await import('pg')).default;
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
  if (argv[0] === 'revoke') {
    cliArgs(REVOKE_CLI, argv.slice(1)); // --help, or a mistake: answered here
    return revokeFromArgs(argv.slice(1), process.env);
  }
  cliArgs(MINT_CLI, argv);
  const token = mintFromArgs(argv, process.env);
  await auditMint(token, process.env.DATABASE_URL, process.env.USER ?? 'token-cli');
  return token;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (out) => process.stdout.write(`${out}\n`),
    (e: unknown) => {
      // a value the rules refuse (a LEADER without --level) is a mistake in the arguments too
      const badInput = e instanceof DomainError && e.code === DomainErrorCode.BAD_USER_INPUT;
      const name = process.argv[2] === 'revoke' ? REVOKE_CLI.name : MINT_CLI.name;
      if (e instanceof UsageError || badInput) exitUsage(name, e.message);
      process.stderr.write(`token: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
