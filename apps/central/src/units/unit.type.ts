import { DateScalar } from '@tracker/api';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { UnitKind } from '@tracker/domain';

@ObjectType()
export class Unit {
  @Field(() => ID, {
    description:
      "Stable identity. Codes are not: after the 2025 merger code '15' names Lào Cai, before it Yên Bái.",
  })
  id: string;

  @Field({
    description:
      "GSO administrative code for provinces (e.g. '01' Hà Nội, '79' Hồ Chí Minh); a short code for agencies (e.g. 'BCA'). Unique among the units that exist on any one day.",
  })
  code: string;

  @Field({ description: 'Official Vietnamese name, NFC-normalised.' })
  name: string;

  @Field(() => UnitKind)
  kind: UnitKind;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'First day this unit exists (null: always).',
  })
  validFrom: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Last day this unit exists (null: still exists). Set when a unit is merged into another.',
  })
  validTo: string | null;

  /** Resolved through the unit loader. */
  successorId: string | null;
}
