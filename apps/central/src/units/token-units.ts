import { Injectable } from '@nestjs/common';
import { vietnamDate } from '@tracker/api';
import { Actor } from '@tracker/auth';
import { DomainError, IsoDate, UnitEnd } from '@tracker/domain';
import { Unit } from './unit.type';
import { UnitsRepository } from './units.repository';

/** "Hà Giang (02)": a unit as officials name it in a message. */
export function unitLabel(unit: { name: string; code: string }): string {
  return `${unit.name} (${unit.code})`;
}

/**
 * The unit a token speaks for. Codes are unique per day only, so a token names the
 * unit that bore its code on the day it was issued (or today, if that is earlier:
 * the demo's clock may stand in the past): a Yên Bái (15) token from 2024 is still
 * Yên Bái's after Lào Cai took code 15, and its writes are judged as an ended unit's.
 */
@Injectable()
export class TokenUnits {
  constructor(private readonly units: UnitsRepository) {}

  async unitOf(actor: Actor, today: IsoDate): Promise<Unit | undefined> {
    if (!actor.unit) return undefined;
    const issued = actor.issuedAt ? vietnamDate(actor.issuedAt) : today;
    return this.units.bearerOf(actor.unit, issued < today ? issued : today);
  }

  /** How an ended unit was carried on; undefined while it exists today. */
  async endOf(unit: Unit, today: IsoDate): Promise<UnitEnd | undefined> {
    if (!unit.validTo || unit.validTo >= today) return undefined;
    const [successor] = unit.successorId ? await this.units.findByIds([unit.successorId]) : [];
    return {
      unit: unitLabel(unit),
      lastDay: unit.validTo,
      successor: successor ? unitLabel(successor) : 'no successor',
    };
  }

  /** A token of an ended unit reads; it writes nothing (FORBIDDEN, saying why). */
  async assertMayWrite(actor: Actor, today: IsoDate): Promise<void> {
    const unit = await this.unitOf(actor, today);
    const end = unit && (await this.endOf(unit, today));
    if (end)
      throw DomainError.forbidden(
        `${end.unit} was merged into ${end.successor} (its last day: ${end.lastDay}): its tokens may read but not write; ask for a token of ${end.successor}`,
      );
  }
}
