import { CurrentActor, Roles } from '@tracker/api';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor } from '@tracker/auth';
import { Role } from '@tracker/domain';
import { RequestContext } from '../platform/request/request-context';
import { UnitLoaders } from '../units/unit.loaders';
import { Unit } from '../units/unit.type';
import { Reorganisation, ReorganisationInput } from './reorganisation.type';
import { ReorganisationService } from './reorganisation.service';

@Resolver(() => Reorganisation)
export class ReorganisationResolver {
  constructor(
    private readonly service: ReorganisationService,
    private readonly units: UnitLoaders,
  ) {}

  @Mutation(() => Reorganisation, {
    description:
      'PMO only. Applies a merger map on a date (or reports what it would do, changing nothing). All or nothing; the same map twice is refused.',
  })
  @Roles(Role.PMO)
  async reorganiseUnits(
    @Args('input') input: ReorganisationInput,
    @CurrentActor() actor: Actor,
  ): Promise<Reorganisation> {
    const { effectiveOn, mergers, dryRun, note } = input;
    return this.service.reorganise({ effectiveOn, mergers }, { dryRun, note }, actor);
  }

  @Query(() => [Reorganisation], {
    description: 'Applied and dry-run reorganisations, newest first.',
  })
  async reorganisations(): Promise<Reorganisation[]> {
    return this.service.list();
  }

  @ResolveField(() => [Unit], { description: 'Units that end the day before effectiveOn.' })
  async endedUnits(@Parent() r: Reorganisation, @Context() ctx: RequestContext): Promise<Unit[]> {
    const units = await this.units.of(ctx).unit.loadMany(r.endedUnitIds);
    return units.filter((u): u is Unit => u !== null && !(u instanceof Error));
  }

  @ResolveField(() => [Unit], { description: 'Units that begin on effectiveOn.' })
  async newUnits(@Parent() r: Reorganisation, @Context() ctx: RequestContext): Promise<Unit[]> {
    // a dry run's units never existed: they are answered as they would have begun
    const begun = (u: Reorganisation['newUnits'][number]): Unit => ({
      ...u,
      validFrom: r.effectiveOn,
      validTo: null,
      successorId: null,
    });
    if (r.dryRun) return r.newUnits.map(begun);
    const units = this.units.of(ctx).unit;
    return Promise.all(r.newUnits.map(async (u) => (await units.load(u.id)) ?? begun(u)));
  }
}
