import { CurrentActor, Roles } from '@tracker/api';
import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { Actor } from '@tracker/auth';
import { IndicatorReporters, Role } from '@tracker/domain';
import { RequestContext } from '../platform/request/request-context';
import { ProgramLoaders } from '../programs/program.loaders';
import { Program } from '../programs/program.type';
import { UnitLoaders } from '../units/unit.loaders';
import { Unit } from '../units/unit.type';
import { UnitsRepository } from '../units/units.repository';
import { DefineIndicatorInput } from './define-indicator.input';
import {
  nationalFigures,
  projectionOf,
  provinceFigures,
  rankedMonth,
  unitFigures,
} from './indicator-figures';
import { IndicatorLoaders } from './indicator.loaders';
import {
  Indicator,
  IndicatorFigure,
  IndicatorProjection,
  IndicatorProvinceRow,
  IndicatorTarget,
} from './indicator.type';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorsService } from './indicators.service';

@Resolver(() => Indicator)
export class IndicatorsResolver {
  constructor(
    private readonly repository: IndicatorsRepository,
    private readonly service: IndicatorsService,
    private readonly loaders: IndicatorLoaders,
    private readonly programs: ProgramLoaders,
    private readonly units: UnitLoaders,
    private readonly unitsRepository: UnitsRepository,
  ) {}

  @Query(() => [Indicator])
  async indicators(
    @Args('programCode', { type: () => ID, nullable: true }) programCode?: string,
  ): Promise<Indicator[]> {
    return this.service.indicatorsOf(programCode);
  }

  @Query(() => Indicator, { nullable: true })
  async indicator(@Args('code', { type: () => ID }) code: string): Promise<Indicator | null> {
    return (await this.repository.findByCode(code)) ?? null;
  }

  @Mutation(() => Indicator, {
    description: 'PMO only. A new indicator; an existing code is refused (BAD_USER_INPUT).',
  })
  @Roles(Role.PMO)
  async defineIndicator(
    @Args('input') input: DefineIndicatorInput,
    @CurrentActor() actor: Actor,
  ): Promise<Indicator> {
    return this.service.define(input, actor);
  }

  @ResolveField(() => Unit)
  async owner(@Parent() indicator: Indicator, @Context() ctx: RequestContext): Promise<Unit> {
    return (await this.units.of(ctx).unit.load(indicator.ownerUnitId))!;
  }

  @ResolveField(() => Program, { nullable: true, description: 'Null for a national indicator.' })
  async program(
    @Parent() indicator: Indicator,
    @Context() ctx: RequestContext,
  ): Promise<Program | null> {
    return indicator.programId ? this.programs.of(ctx).program.load(indicator.programId) : null;
  }

  @ResolveField(() => [IndicatorTarget])
  async targets(
    @Parent() indicator: Indicator,
    @Context() ctx: RequestContext,
  ): Promise<IndicatorTarget[]> {
    return this.loaders.of(ctx).targets.load(indicator.id);
  }

  @ResolveField(() => [IndicatorFigure], {
    description: 'Per month, oldest first; national unless unitCode is given.',
  })
  async series(
    @Parent() indicator: Indicator,
    @Context() ctx: RequestContext,
    @Args('from', { nullable: true }) from?: string,
    @Args('to', { nullable: true }) to?: string,
    @Args('unitCode', { type: () => ID, nullable: true }) unitCode?: string,
  ): Promise<IndicatorFigure[]> {
    if (unitCode) {
      const unit = await this.unitsRepository.bearerOf(unitCode, ctx.today);
      if (!unit) return [];
      const values = await this.repository.valuesOfUnit(indicator.id, unit.id);
      return unitFigures(indicator.kind, values, { from, to });
    }
    const { sums, spans } = await this.factsOf(indicator, ctx);
    return nationalFigures(indicator.kind, sums, spans, { from, to });
  }

  @ResolveField(() => [IndicatorProvinceRow], {
    description:
      'Per province for one month (default: the latest with values), furthest from the target first; none for an indicator its owner reports nationally.',
  })
  async byProvince(
    @Parent() indicator: Indicator,
    @Context() ctx: RequestContext,
    @Args('period', { nullable: true }) period?: string,
  ): Promise<IndicatorProvinceRow[]> {
    // a national indicator is its owner's figure alone: no province to rank
    if (indicator.reportedBy === IndicatorReporters.OWNER) return [];
    const { sums, spans, targets } = await this.factsOf(indicator, ctx);
    const month = rankedMonth(period, sums);
    if (!month) return [];
    const values = await this.loaders
      .of(ctx)
      .monthValues.load({ indicatorId: indicator.id, period: month });
    const rows = provinceFigures(indicator.kind, values, spans, targets, month, ctx.today);
    const units = await this.units.of(ctx).unit.loadMany(rows.map((r) => r.unitId));
    return rows.map((r, i) => ({ ...r, unit: units[i] as Unit }));
  }

  @ResolveField(() => IndicatorProjection, { nullable: true })
  async projection(
    @Parent() indicator: Indicator,
    @Context() ctx: RequestContext,
  ): Promise<IndicatorProjection | null> {
    const { sums, spans, targets } = await this.factsOf(indicator, ctx);
    return projectionOf(indicator.kind, sums, spans, targets, ctx.today);
  }

  /** What every figure of an indicator is computed from, through the request's loaders. */
  private async factsOf(indicator: Indicator, ctx: RequestContext) {
    const loaders = this.loaders.of(ctx);
    const [sums, spans, targets] = await Promise.all([
      loaders.monthSums.load(indicator.id),
      loaders.reporterSpans.load(indicator.id),
      loaders.targets.load(indicator.id),
    ]);
    return { sums, spans, targets };
  }
}
