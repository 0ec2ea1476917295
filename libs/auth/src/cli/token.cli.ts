// npm run token -- --role ROLE [--unit CODE] [--level LEVEL] [--sub NAME] [--ttl 1h]
// Prints one signed token, and nothing else, on standard output. The key is
// TOKEN_SECRET, or the key kept in DATA_DIR (created if missing). A PROVINCE_OFFICER
// token is for a province node's own API: signed with that node's key, whose
// DATA_DIR defaults to ./data/province-<unit>.
import { DomainError, EscalationLevel, Role } from '@tracker/domain';
import { parseArgs } from 'node:util';
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

if (require.main === module) {
  try {
    process.stdout.write(`${mintFromArgs(process.argv.slice(2), process.env)}\n`);
  } catch (e) {
    process.stderr.write(`token: ${e instanceof Error ? e.message : String(e)}\n`);
    process.stderr.write(
      'usage: npm run token -- --role PMO|LEADER|PROVINCE_NODE|AGENCY|OBSERVER|PROVINCE_OFFICER [--unit CODE] [--level LEVEL] [--sub NAME] [--ttl 12h]\n',
    );
    process.exit(2);
  }
}
