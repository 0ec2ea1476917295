import { EscalationLevel, Role } from '@tracker/domain';

/** Who is calling, as the token says. */
export interface Actor {
  /** The token's subject: a person's or a node's name, recorded as reportedBy. */
  sub: string;
  role: Role;
  /** A province code (PROVINCE_NODE, PROVINCE_OFFICER, a province's LEADER) or an agency code. */
  unit?: string;
  level?: EscalationLevel;
  /** Token id, for revocation. */
  jti: string;
  /**
   * When the token was issued: a unit code names the unit that bore it then, so a
   * token of Yên Bái (15) still speaks for Yên Bái after Lào Cai took the code.
   */
  issuedAt?: Date;
}
