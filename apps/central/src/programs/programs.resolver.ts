import { CurrentActor, DateScalar, Roles } from '@tracker/api';
import {
  Args,
  Context,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { Actor } from '@tracker/auth';
import {
  addSums,
  asOfDay,
  DeliveryModel,
  Health,
  NO_MILESTONES,
  programHealthOf,
  progressOf,
  ProgressSums,
  Role,
} from '@tracker/domain';
import { RequestContext } from '../platform/request/request-context';
import { MilestoneFilter } from '../milestones/milestone-filter.input';
import { MilestoneConnection } from '../milestones/milestone.type';
import { MilestonesService } from '../milestones/milestones.service';
import { provinceRows } from '../rollup/province-rows';
import { RollupLoaders } from '../rollup/rollup.loaders';
import { Progress, ProvinceRow } from '../rollup/rollup.type';
import { SyncLoaders } from '../sync/sync.loaders';
import { UnitLoaders } from '../units/unit.loaders';
import { Unit } from '../units/unit.type';
import { EscalationPolicyInput } from './escalation-policy.input';
import { CreateProgramInput, PublishPlanInput } from './program-inputs';
import { ProgramLoaders } from './program.loaders';
import { PlanItem, Program } from './program.type';
import { ProgramsRepository } from './programs.repository';
import { ProgramsService } from './programs.service';

@Resolver(() => Program)
export class ProgramsResolver {
  constructor(
    private readonly repository: ProgramsRepository,
    private readonly service: ProgramsService,
    private readonly milestoneService: MilestonesService,
    private readonly loaders: ProgramLoaders,
    private readonly rollup: RollupLoaders,
    private readonly units: UnitLoaders,
    private readonly sync: SyncLoaders,
  ) {}

  @Query(() => [Program])
  async programs(): Promise<Program[]> {
    return this.repository.findAll();
  }

  @Query(() => Program, { nullable: true })
  async program(@Args('code', { type: () => ID }) code: string): Promise<Program | null> {
    return (await this.repository.findByCode(code)) ?? null;
  }

  @Mutation(() => Program, {
    description:
      'PMO only. A new program with planVersion 0; an existing code is refused (BAD_USER_INPUT).',
  })
  @Roles(Role.PMO)
  async createProgram(
    @Args('input') input: CreateProgramInput,
    @CurrentActor() actor: Actor,
  ): Promise<Program> {
    return this.service.create(input, actor);
  }

  @Mutation(() => Program, {
    description:
      'PMO only. Publishes a new plan version; milestones are created for new items (per scope), kept for unchanged keys, CANCELLED for removed keys. History is never deleted.',
  })
  @Roles(Role.PMO)
  async publishPlan(
    @Args('input') input: PublishPlanInput,
    @CurrentActor() actor: Actor,
  ): Promise<Program> {
    return this.service.publish(input, actor);
  }

  @Mutation(() => Program, {
    description:
      "PMO only. Sets the program's escalation thresholds (fields left out keep domain.md's defaults) and re-evaluates its escalations.",
  })
  @Roles(Role.PMO)
  async setEscalationPolicy(
    @Args('programCode', { type: () => ID }) programCode: string,
    @Args('policy') policy: EscalationPolicyInput,
    @CurrentActor() actor: Actor,
  ): Promise<Program> {
    return this.service.setEscalationPolicy(programCode, { ...policy }, actor);
  }

  @Mutation(() => Program, {
    description:
      "PMO only. The day (1-28) of the next month by which the program's monthly reports are due; outside 1-28 is BAD_USER_INPUT.",
  })
  @Roles(Role.PMO)
  async setReportingDeadline(
    @Args('programCode', { type: () => ID }) programCode: string,
    @Args('day', { type: () => Int }) day: number,
    @CurrentActor() actor: Actor,
  ): Promise<Program> {
    return this.service.setReportingDeadline(programCode, day, actor);
  }

  @ResolveField(() => Unit)
  async owner(@Parent() program: Program, @Context() ctx: RequestContext): Promise<Unit> {
    return (await this.units.of(ctx).unit.load(program.ownerUnitId))!;
  }

  @ResolveField(() => [PlanItem])
  async plan(@Parent() program: Program, @Context() ctx: RequestContext): Promise<PlanItem[]> {
    return this.loaders.of(ctx).plan.load(program.id);
  }

  @ResolveField(() => Progress, {
    description: "As of the end of that day (domain.md 'As of a date'); default today.",
  })
  async progress(
    @Parent() program: Program,
    @Context() ctx: RequestContext,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf?: string,
  ): Promise<Progress> {
    const day = asOfDay(asOf, ctx.today);
    return progressOf(programSums(await this.rollup.of(ctx, day).cells.load(program.id)));
  }

  /** Not in the contract: the program's health by domain.md's 10% rule. */
  @ResolveField(() => Health)
  async health(@Parent() program: Program, @Context() ctx: RequestContext): Promise<Health> {
    return programHealthOf(programSums(await this.rollup.of(ctx).cells.load(program.id)));
  }

  @ResolveField(() => [ProvinceRow], {
    description:
      'FEDERATED programs: one row per province existing on asOf (default today), in code order. CENTRALIZED: empty.',
  })
  async provinceBoard(
    @Parent() program: Program,
    @Context() ctx: RequestContext,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf?: string,
  ): Promise<ProvinceRow[]> {
    const day = asOfDay(asOf, ctx.today);
    if (program.model !== DeliveryModel.FEDERATED) return [];
    const [provinces, cells, nodes] = await Promise.all([
      this.units.of(ctx, day).activeProvinces(),
      this.rollup.of(ctx, day).cells.load(program.id),
      this.sync.of(ctx).nodeSync(),
    ]);
    const sums = new Map(cells.map((c) => [c.unitId, c]));
    return provinceRows(provinces, sums, program.id, day, nodes);
  }

  @ResolveField(() => MilestoneConnection)
  async milestones(
    @Parent() program: Program,
    @Context() ctx: RequestContext,
    @Args('filter', { type: () => MilestoneFilter, nullable: true }) filter?: MilestoneFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<MilestoneConnection> {
    return this.milestoneService.connection(
      { ...filter, programCode: program.code },
      first,
      after,
      ctx,
    );
  }
}

function programSums(cells: readonly ProgressSums[]): ProgressSums {
  return cells.reduce(addSums, NO_MILESTONES);
}
