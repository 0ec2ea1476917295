import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * A province or central agency. The id is the identity; the code is only unique
 * among units that exist on the same day (after 2025, '15' is Lào Cai, before it
 * Yên Bái), which the exclusion constraint enforces over the validity range.
 */
@Entity('unit')
@Check('unit_kind_check', `"kind" IN ('CENTRAL_AGENCY', 'PROVINCE')`)
@Check(
  'unit_validity_check',
  `"valid_to" IS NULL OR "valid_from" IS NULL OR "valid_from" <= "valid_to"`,
)
@Exclusion(
  'unit_code_per_day_excl',
  `USING gist ("code" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&)`,
)
export class UnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  code: string;

  /** NFC-normalised official name. */
  @Column({ type: 'text' })
  name: string;

  /** Lower-case, diacritics removed: what search matches against. */
  @Index('unit_name_folded_idx')
  @Column({ name: 'name_folded', type: 'text' })
  nameFolded: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom: string | null;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Column({ name: 'successor_id', type: 'uuid', nullable: true })
  successorId: string | null;

  @ManyToOne(() => UnitEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'successor_id', foreignKeyConstraintName: 'unit_successor_fk' })
  successor?: UnitEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
