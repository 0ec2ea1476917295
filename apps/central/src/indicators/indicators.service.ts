import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@tracker/auth';
import { DomainError, IndicatorKind, normalizeText, UnitKind } from '@tracker/domain';
import { isUniqueViolation } from '@tracker/persistence';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository';
import { ChangeNotifier } from '../platform/changes/change-notifier';
import { Clock } from '../platform/clock/clock';
import { ProgramsRepository } from '../programs/programs.repository';
import { UnitsRepository } from '../units/units.repository';
import { DefineIndicatorInput } from './define-indicator.input';
import { Indicator } from './indicator.type';
import { IndicatorsRepository } from './indicators.repository';

@Injectable()
export class IndicatorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly indicators: IndicatorsRepository,
    private readonly programs: ProgramsRepository,
    private readonly units: UnitsRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
    private readonly changes: ChangeNotifier,
  ) {}

  async indicatorsOf(programCode?: string): Promise<Indicator[]> {
    if (!programCode) return this.indicators.findAll();
    const program = await this.programs.findByCode(programCode);
    return program ? this.indicators.findAll(program.id) : [];
  }

  /** A new indicator and its targets, audited in the same transaction; a taken code is refused. */
  async define(input: DefineIndicatorInput, actor: Actor): Promise<Indicator> {
    const [owner] = await this.units.findExisting(this.clock.today(), {
      kind: UnitKind.CENTRAL_AGENCY,
      code: input.ownerCode,
    });
    if (!owner)
      throw DomainError.badInput(
        'ownerCode',
        `${input.ownerCode} is not a central agency that exists today`,
      );
    const program = input.programCode
      ? await this.programs.findByCode(input.programCode)
      : undefined;
    if (input.programCode && !program)
      throw DomainError.badInput('programCode', `no program ${input.programCode}`);
    const name = normalizeText(input.name);
    const measure = normalizeText(input.measure);
    if (!name) throw DomainError.badInput('name', 'an indicator needs a name');
    if (!measure) throw DomainError.badInput('measure', 'an indicator needs a measure');
    const targets = checkedTargets(input);
    try {
      await this.db.transaction(async (tx) => {
        const indicator = {
          code: input.code,
          name,
          kind: input.kind,
          measure,
          ownerUnitId: owner.id,
          programId: program?.id ?? null,
        };
        await this.indicators.insert(tx, indicator, targets);
        await this.audit.append(tx, actor, {
          action: 'indicator.define',
          subject: input.code,
          detail: {
            name,
            kind: input.kind,
            measure,
            ownerCode: input.ownerCode,
            programCode: input.programCode ?? null,
            targets,
          },
        });
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw DomainError.badInput('code', `an indicator with code ${input.code} exists already`);
      throw e;
    }
    // cached indicator answers on every instance are retired
    await this.changes.notify({ kind: 'indicators', programIds: program ? [program.id] : null });
    return (await this.indicators.findByCode(input.code))!;
  }
}

/** Targets by due day; a RATIO's are shares, so none above 1; one per day. */
function checkedTargets(input: DefineIndicatorInput) {
  const targets = [...input.targets].sort((a, b) => a.due.localeCompare(b.due));
  targets.forEach((t, i) => {
    if (input.kind === IndicatorKind.RATIO && t.value > 1)
      throw DomainError.badInput(
        `targets[${i}].value`,
        `a RATIO target is a share 0-1, not ${t.value}`,
      );
    if (i > 0 && targets[i - 1].due === t.due)
      throw DomainError.badInput(`targets[${i}].due`, `two targets due ${t.due}`);
  });
  return targets.map((t) => ({ value: t.value, due: t.due }));
}
