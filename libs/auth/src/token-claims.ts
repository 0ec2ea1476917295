import { DomainError, ESCALATION_LEVELS, EscalationLevel, Role } from '@tracker/domain';

export interface TokenRequest {
  role: Role;
  unit?: string;
  level?: EscalationLevel;
  sub?: string;
}

const ROLES = Object.values(Role) as string[];

/**
 * The shape each role's token must have, checked when minting and again when
 * verifying: a LEADER without a level, or a node without its province, is no token.
 */
export function checkClaims(claims: {
  role?: unknown;
  unit?: unknown;
  level?: unknown;
}): TokenRequest {
  const { role, unit, level } = claims;
  if (typeof role !== 'string' || !ROLES.includes(role)) {
    throw DomainError.badInput('role', `role must be one of ${ROLES.join(', ')}`);
  }
  if (unit !== undefined && (typeof unit !== 'string' || !/^[A-Z0-9]{1,16}$/.test(unit))) {
    throw DomainError.badInput('unit', 'unit is a unit code such as 01, 79 or BTNMT');
  }
  if (level !== undefined && !(ESCALATION_LEVELS as readonly unknown[]).includes(level)) {
    throw DomainError.badInput('level', `level must be one of ${ESCALATION_LEVELS.join(', ')}`);
  }
  const needsUnit = [Role.PROVINCE_NODE, Role.AGENCY, Role.PROVINCE_OFFICER].includes(role as Role);
  if (needsUnit && unit === undefined)
    throw DomainError.badInput('unit', `a ${role} token names its unit`);
  if (role === Role.LEADER) {
    if (level === undefined) throw DomainError.badInput('level', 'a LEADER token names its level');
    if (level !== EscalationLevel.GOVERNMENT && unit === undefined) {
      throw DomainError.badInput('unit', 'a LEADER below GOVERNMENT names the unit they lead');
    }
  } else if (level !== undefined) {
    throw DomainError.badInput('level', 'only a LEADER token has a level');
  }
  return {
    role: role as Role,
    unit: unit as string | undefined,
    level: level as EscalationLevel | undefined,
  };
}
