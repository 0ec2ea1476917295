import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A token refused before its expiry (a stolen node token, a leader who left), by its id. */
@Entity('revoked_token')
export class RevokedTokenEntity {
  @PrimaryColumn({ type: 'text' })
  jti: string;

  @Column({ name: 'revoked_at', type: 'timestamptz', default: () => 'now()' })
  revokedAt: Date;

  @Column({ name: 'revoked_by', type: 'text' })
  revokedBy: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
