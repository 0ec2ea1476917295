import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Pool } from 'pg';
import { ApiProgress, Canonical, canonicalProgress, Workload } from './workloads';

/*
 * The peer: PostGraphile 4 (bench/peer/server.js) over the same tables, asked the
 * nearest equivalent of each workload it can answer. Its answers come from the
 * functions of bench/peer/peer-schema.sql and from the relations PostGraphile
 * derives from the foreign keys; canonicalFromPeer brings them to the canonical
 * form of workloads.ts, with only the fields the peer answers (`agree` compares
 * the fields both sides have).
 */

/** Q2's board with each row's milestones, Q5's indicators and Q6's read from history have no peer equivalent worth measuring. */
export const PEER_WORKLOADS: readonly Workload[] = ['Q1', 'Q3', 'Q4'];

const PROGRESS = 'progress { percentComplete total done late blocked atRisk onTrack onTimeRate }';

/** The peer's documents; `today` is passed as a variable (PostGraphile has no clock of ours). */
export const PEER_QUERIES: Readonly<Partial<Record<Workload, string>>> = {
  Q1: `query Q1($today: Date!) { dashboardPrograms(today: $today) { nodes { code name health openEscalations ${PROGRESS} } } escalationsByLevel { nodes { level count } } laggingProvinces(today: $today, first: 10) { nodes { code name health ${PROGRESS} } } }`,
  Q3: `query Q3($today: Date!) { lateMilestones(today: $today, first: 50) { totalCount nodes { id status percentComplete planItemByPlanItemId { key title } programByProgramId { code name } unitByUnitId { code name } } } }`,
  Q4: `query Q4 { escalationQueue(first: 50) { totalCount nodes { id level reason state ageDays milestoneByMilestoneId { planItemByPlanItemId { key } programByProgramId { code } unitByUnitId { code name } } } } }`,
};

interface Named {
  code: string;
  name: string;
}

interface PeerQ1 {
  dashboardPrograms: {
    nodes: (Named & { health: string; openEscalations: number; progress: ApiProgress })[];
  };
  escalationsByLevel: { nodes: { level: string; count: number }[] };
  laggingProvinces: { nodes: (Named & { health: string; progress: ApiProgress })[] };
}

interface PeerQ3 {
  lateMilestones: {
    totalCount: number;
    nodes: {
      id: string;
      status: string;
      percentComplete: number;
      planItemByPlanItemId: { key: string; title: string };
      programByProgramId: Named;
      unitByUnitId: Named;
    }[];
  };
}

interface PeerQ4 {
  escalationQueue: {
    totalCount: number;
    nodes: {
      id: string;
      level: string;
      reason: string;
      state: string;
      ageDays: number;
      milestoneByMilestoneId: {
        planItemByPlanItemId: { key: string };
        programByProgramId: { code: string };
        unitByUnitId: Named;
      };
    }[];
  };
}

/**
 * The peer's `data` in canonical form. What the peer does not answer is left
 * out, not guessed: Q1 has no asOf (the caller passed the date), Q3 no health
 * (every node is LATE by the function's definition).
 */
export function canonicalFromPeer(workload: Workload, data: unknown): Canonical {
  switch (workload) {
    case 'Q1': {
      const d = data as PeerQ1;
      return {
        programs: d.dashboardPrograms.nodes.map((s) => ({
          code: s.code,
          name: s.name,
          health: s.health,
          openEscalations: s.openEscalations,
          progress: canonicalProgress(s.progress),
        })),
        escalationsByLevel: d.escalationsByLevel.nodes.map((l) => ({
          level: l.level,
          count: l.count,
        })),
        laggingProvinces: d.laggingProvinces.nodes.map((r) => ({
          code: r.code,
          name: r.name,
          health: r.health,
          progress: canonicalProgress(r.progress),
        })),
      };
    }
    case 'Q3': {
      const c = (data as PeerQ3).lateMilestones;
      return {
        totalCount: c.totalCount,
        nodes: c.nodes.map((m) => ({
          id: m.id,
          key: m.planItemByPlanItemId.key,
          title: m.planItemByPlanItemId.title,
          status: m.status,
          percentComplete: m.percentComplete,
          programCode: m.programByProgramId.code,
          programName: m.programByProgramId.name,
          unitCode: m.unitByUnitId.code,
          unitName: m.unitByUnitId.name,
        })),
      };
    }
    case 'Q4': {
      const c = (data as PeerQ4).escalationQueue;
      return {
        totalCount: c.totalCount,
        nodes: c.nodes.map((e) => ({
          id: e.id,
          level: e.level,
          reason: e.reason,
          state: e.state,
          ageDays: e.ageDays,
          key: e.milestoneByMilestoneId.planItemByPlanItemId.key,
          programCode: e.milestoneByMilestoneId.programByProgramId.code,
          unitCode: e.milestoneByMilestoneId.unitByUnitId.code,
          unitName: e.milestoneByMilestoneId.unitByUnitId.name,
        })),
      };
    }
    case 'Q2':
    case 'Q5':
    case 'Q6':
      throw new Error(`${workload} is not a peer workload`);
  }
}

/**
 * bench/peer/peer-schema.sql, found from this module whether it runs from the
 * sources (bench/src/answers) or from the build (dist/bench/src/answers).
 */
export function peerSchemaPath(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'bench', 'peer', 'peer-schema.sql');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir)
      throw new Error(`bench/peer/peer-schema.sql not found above ${__dirname}`);
  }
}

/** Creates (again) the schema bench_peer; run before the peer starts, it introspects once. */
export async function applyPeerSchema(pool: Pool): Promise<void> {
  // one simple-protocol query: the file is its own transaction (BEGIN … COMMIT)
  await pool.query(readFileSync(peerSchemaPath(), 'utf8'));
}
