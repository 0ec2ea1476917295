import { DateScalar } from '@tracker/api';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DomainError, foldForSearch, UnitKind } from '@tracker/domain';
import { RequestContext } from '../platform/request/request-context';
import { UnitLoaders } from './unit.loaders';
import { Unit } from './unit.type';
import { UnitsRepository } from './units.repository';

/** A name, not a document: longer input is a mistake or an attack. */
export const MAX_SEARCH_LENGTH = 100;

@Resolver(() => Unit)
export class UnitsResolver {
  constructor(
    private readonly repository: UnitsRepository,
    private readonly loaders: UnitLoaders,
  ) {}

  @Query(() => [Unit])
  async units(
    @Context() ctx: RequestContext,
    @Args('kind', { type: () => UnitKind, nullable: true }) kind?: UnitKind,
    @Args('search', { nullable: true }) search?: string,
    @Args('asOf', {
      type: () => DateScalar,
      nullable: true,
      description: 'Units that exist on that date; default today.',
    })
    asOf?: string,
  ): Promise<Unit[]> {
    if (search && search.length > MAX_SEARCH_LENGTH) {
      throw DomainError.badInput('search', `search is at most ${MAX_SEARCH_LENGTH} characters`);
    }
    const folded = search ? foldForSearch(search) : undefined;
    return this.repository.findExisting(asOf ?? ctx.today, { kind, folded });
  }

  @Query(() => Unit, {
    nullable: true,
    description: "The unit bearing that code on asOf (default: the central clock's today).",
  })
  async unit(
    @Context() ctx: RequestContext,
    @Args('code') code: string,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf?: string,
  ): Promise<Unit | null> {
    if (code.length > 16)
      throw DomainError.badInput('code', 'a unit code is at most 16 characters');
    const [unit] = await this.repository.findExisting(asOf ?? ctx.today, { code });
    return unit ?? null;
  }

  @ResolveField(() => [Unit], {
    description: 'The units this one was formed from (empty for a unit that was never merged).',
  })
  async predecessors(@Parent() unit: Unit, @Context() ctx: RequestContext): Promise<Unit[]> {
    return this.loaders.of(ctx).predecessors.load(unit.id);
  }

  @ResolveField(() => [String], {
    description:
      'Names of the units this one was formed from, so a search by a former name finds it.',
  })
  async formerNames(@Parent() unit: Unit, @Context() ctx: RequestContext): Promise<string[]> {
    const predecessors = await this.loaders.of(ctx).predecessors.load(unit.id);
    return [...new Set(predecessors.map((p) => p.name))].filter((name) => name !== unit.name);
  }

  @ResolveField(() => Unit, {
    nullable: true,
    description: "The unit that took over this one's milestones after a merger.",
  })
  async successor(@Parent() unit: Unit, @Context() ctx: RequestContext): Promise<Unit | null> {
    return unit.successorId ? this.loaders.of(ctx).unit.load(unit.successorId) : null;
  }
}
