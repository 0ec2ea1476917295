import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Milestone } from '../milestones/milestone.type';
import { RequestContext } from '../platform/request/request-context';
import { ProgramLoaders } from './program.loaders';
import { Program } from './program.type';

/** Milestone.program: here, so that milestones need not know programs. */
@Resolver(() => Milestone)
export class MilestoneProgramResolver {
  constructor(private readonly loaders: ProgramLoaders) {}

  @ResolveField(() => Program)
  async program(@Parent() m: Milestone, @Context() ctx: RequestContext): Promise<Program> {
    return (await this.loaders.of(ctx).program.load(m.programId))!;
  }
}
