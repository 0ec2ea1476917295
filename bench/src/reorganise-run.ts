import { MergerMapName, readMergerMap } from '@tracker/persistence';
import { gql } from './graphql-client';
import { ReorganisationFigures } from './report';

const REORGANISE = `mutation($input: ReorganisationInput!) { reorganiseUnits(input: $input) {
  endedUnits { id } newUnits { id } milestonesCarried escalationsResolved programsTransferred } }`;

const BOARD_ROWS = `query($asOf: Date) { programs { model provinceBoard(asOf: $asOf) { unit { code } } } }`;

/** The 2025 maps, in the order of their days. */
const MAPS: { map: MergerMapName; effectiveOn: string }[] = [
  { map: 'agencies-2025', effectiveOn: '2025-03-01' },
  { map: 'provinces-2025', effectiveOn: '2025-07-01' },
];

interface Applied {
  reorganiseUnits: {
    endedUnits: unknown[];
    newUnits: unknown[];
    milestonesCarried: number;
    escalationsResolved: number;
    programsTransferred: number;
  };
}

/**
 * The real 2025 maps applied to the bench's database through the API, each first as
 * a dry run, once (a reorganisation is an operation of a day, not a load): how long
 * each takes at this size, what it carried, and the first federated board's rows the
 * day before and after. Run after the workloads: it changes the data they read.
 */
export async function reorganiseDataset(api: {
  url: string;
  pmoToken: string;
  log: (line: string) => void;
}): Promise<ReorganisationFigures> {
  const call = <T>(query: string, variables: Record<string, unknown>) =>
    gql<T>(api.url, api.pmoToken, query, variables);
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const result = await work();
    return [result, Math.round(performance.now() - started)];
  };
  const rowsOn = async (asOf: string) => {
    const { programs } = await call<{
      programs: { model: string; provinceBoard: unknown[] }[];
    }>(BOARD_ROWS, { asOf });
    return programs.find((p) => p.model === 'FEDERATED')?.provinceBoard.length ?? 0;
  };
  const steps: ReorganisationFigures['steps'] = [];
  for (const { map, effectiveOn } of MAPS) {
    const input = (dryRun: boolean) => ({ input: { ...readMergerMap(map, effectiveOn), dryRun } });
    const [, dryRunMs] = await timed(() => call<Applied>(REORGANISE, input(true)));
    const [applied, applyMs] = await timed(() => call<Applied>(REORGANISE, input(false)));
    const r = applied.reorganiseUnits;
    steps.push({
      map,
      effectiveOn,
      dryRunMs,
      applyMs,
      endedUnits: r.endedUnits.length,
      newUnits: r.newUnits.length,
      milestonesCarried: r.milestonesCarried,
      escalationsResolved: r.escalationsResolved,
      programsTransferred: r.programsTransferred,
    });
    api.log(
      `${map}: dry run ${dryRunMs} ms, applied in ${applyMs} ms, ${r.milestonesCarried} milestones carried`,
    );
  }
  return {
    steps,
    boardRowsBefore: await rowsOn('2025-06-30'),
    boardRowsAfter: await rowsOn('2025-07-01'),
  };
}
