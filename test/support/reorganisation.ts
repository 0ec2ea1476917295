import { keyId, TokenRequest } from '@tracker/auth';
import { readMergerMap, MergerMapName } from '@tracker/persistence';
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { TestCentral } from './central';
import { sql } from './database';

/** After both reorganisations of 2025: the central today of these tests. */
export const AFTER_2025 = '2025-08-01T03:00:00Z';

export const REORGANISE = `mutation($input: ReorganisationInput!) {
  reorganiseUnits(input: $input) {
    id effectiveOn dryRun note milestonesCarried escalationsResolved programsTransferred appliedBy
    endedUnits { code name validTo }
    newUnits { id code name validFrom }
  }
}`;

/** A shipped map as the mutation's input. */
export function mapInput(name: MergerMapName, effectiveOn: string, dryRun = false) {
  return { ...readMergerMap(name, effectiveOn), dryRun };
}

export async function reorganise(
  sut: TestCentral,
  name: MergerMapName,
  effectiveOn: string,
  dryRun = false,
) {
  return sut.gql(REORGANISE, { input: mapInput(name, effectiveOn, dryRun) });
}

/**
 * A digest of everything a reorganisation may change (units, milestones, their
 * history, programs, plans, escalations): equal digests, nothing changed.
 */
export async function fingerprint(): Promise<string> {
  const tables = [
    'unit',
    'milestone',
    'milestone_update',
    'program',
    'plan_item',
    'escalation',
    'escalation_event',
  ];
  const parts = await Promise.all(
    tables.map(async (t) => {
      const [row] = await sql<{ digest: string }>(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${t} t`,
      );
      return `${t}:${row.digest}`;
    }),
  );
  return parts.join(' ');
}

/** A token as if issued on `day` (its iat), still valid: a node's token from before a merger. */
export function tokenIssuedOn(sut: TestCentral, request: TokenRequest, day: string): string {
  const { secret, issuer, audience } = sut.running.authority;
  const iat = Math.floor(new Date(`${day}T02:00:00Z`).getTime() / 1000);
  return jwt.sign({ ...request, iat, exp: Math.floor(Date.now() / 1000) + 3600 }, secret, {
    algorithm: 'HS256',
    issuer,
    audience,
    subject: `${request.role.toLowerCase()}:${request.unit ?? ''}`,
    jwtid: randomUUID(),
    keyid: keyId(secret),
  });
}
