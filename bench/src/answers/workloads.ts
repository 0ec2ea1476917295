import { Progress } from '@tracker/domain';
import { Q5_RANKED } from '../dataset/indicators';
import { BENCH_A_YEAR_BACK } from '../dataset/scales';

/**
 * The five read workloads the bench measures, as our API is asked them, and the
 * canonical form in which the three servers' answers are compared: plain JSON,
 * arrays in answer order, nested unit/program objects flattened to code and name.
 * Q5 is the indicator dashboard: every indicator's projection toward its next
 * target, and one indicator's provinces ranked by their distance to it.
 * Q6 is Q1's dashboard and Q2's board as they stood a year back: read from history.
 */
export const WORKLOADS = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6'] as const;
export type Workload = (typeof WORKLOADS)[number];
/** Every read is measured again with the response cache off (Q1u-Q6u): the first read after a change. */
export const UNCACHED_WORKLOADS = WORKLOADS;

export type Canonical =
  null | string | number | boolean | Canonical[] | { [key: string]: Canonical };

const PROGRESS = 'progress { percentComplete total done late blocked atRisk onTrack onTimeRate }';

const dashboard = (asOf: string) =>
  `nationalDashboard${asOf} { asOf programs { program { code name } health openEscalations ${PROGRESS} } escalationsByLevel { level count } laggingProvinces(first: 10) { unit { code name } health ${PROGRESS} } }`;
const board = (asOf: string) =>
  `program(code: "LAND") { provinceBoard${asOf} { unit { code name } health lastSyncAt ${PROGRESS} milestones { key status health percentComplete } } }`;
const yearBack = `(asOf: "${BENCH_A_YEAR_BACK}")`;
const FIGURE = 'period value numerator denominator';

export const API_DOCUMENTS: Record<Workload, string> = {
  Q1: `{ ${dashboard('')} }`,
  Q2: `{ ${board('')} }`,
  Q3: `{ milestones(filter: {health: [LATE]}, first: 50) { totalCount edges { node { id key title health status percentComplete program { code name } unit { code name } } } } }`,
  Q4: `{ escalations(first: 50) { totalCount edges { node { id level reason state ageDays milestone { key program { code } unit { code name } } } } } }`,
  Q5: `{ indicators { code kind projection { target { value due } latest { ${FIGURE} reportingUnits expectedUnits } projectedDate onTrack } } indicator(code: "${Q5_RANKED}") { byProvince { unit { code name } figure { ${FIGURE} } gapToTarget } } }`,
  Q6: `{ ${dashboard(yearBack)} ${board(yearBack)} }`,
};

/** Progress as the API answers it: the domain's roll-up, field for field. */
export type ApiProgress = Progress;

interface Named {
  code: string;
  name: string;
}

interface ApiQ1 {
  nationalDashboard: {
    asOf: string;
    programs: {
      program: Named;
      health: string;
      openEscalations: number;
      progress: ApiProgress;
    }[];
    escalationsByLevel: { level: string; count: number }[];
    laggingProvinces: { unit: Named; health: string; progress: ApiProgress }[];
  };
}

interface ApiQ2 {
  program: {
    provinceBoard: {
      unit: Named;
      health: string;
      lastSyncAt: string | null;
      progress: ApiProgress;
      milestones: { key: string; status: string; health: string; percentComplete: number }[];
    }[];
  } | null;
}

interface ApiQ3 {
  milestones: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        key: string;
        title: string;
        health: string;
        status: string;
        percentComplete: number;
        program: Named;
        unit: Named;
      };
    }[];
  };
}

interface ApiQ4 {
  escalations: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        level: string;
        reason: string;
        state: string;
        ageDays: number;
        milestone: { key: string; program: { code: string }; unit: Named };
      };
    }[];
  };
}

interface Figure {
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** A national month as Q5 asks it: the figure beside the units that reported and owed it. */
export type NationalFigure = Figure & { reportingUnits: number; expectedUnits: number };

export interface ApiQ5 {
  indicators: {
    code: string;
    kind: string;
    projection: {
      target: { value: number; due: string };
      latest: NationalFigure | null;
      projectedDate: string | null;
      onTrack: boolean;
    } | null;
  }[];
  indicator: {
    byProvince: { unit: Named; figure: Figure; gapToTarget: number | null }[];
  } | null;
}

/** The progress object in canonical key order (the same for every server). */
export function canonicalProgress(p: ApiProgress): Canonical {
  return {
    percentComplete: p.percentComplete,
    total: p.total,
    done: p.done,
    late: p.late,
    blocked: p.blocked,
    atRisk: p.atRisk,
    onTrack: p.onTrack,
    onTimeRate: p.onTimeRate,
  };
}

/** An instant as toISOString writes it, whatever offset or precision the server used. */
export function isoInstant(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/** The API's `data` for a workload, in canonical form. */
export function canonicalFromApi(workload: Workload, data: unknown): Canonical {
  switch (workload) {
    case 'Q5':
      return canonicalQ5(data as ApiQ5);
    case 'Q6':
      return { dashboard: canonicalFromApi('Q1', data), board: canonicalFromApi('Q2', data) };
    case 'Q1': {
      const d = (data as ApiQ1).nationalDashboard;
      return {
        asOf: d.asOf,
        programs: d.programs.map((s) => ({
          code: s.program.code,
          name: s.program.name,
          health: s.health,
          openEscalations: s.openEscalations,
          progress: canonicalProgress(s.progress),
        })),
        escalationsByLevel: d.escalationsByLevel.map((l) => ({ level: l.level, count: l.count })),
        laggingProvinces: d.laggingProvinces.map((r) => ({
          code: r.unit.code,
          name: r.unit.name,
          health: r.health,
          progress: canonicalProgress(r.progress),
        })),
      };
    }
    case 'Q2': {
      const program = (data as ApiQ2).program;
      // an unknown program is an answer too: null, as the floor gives it
      if (!program) return null;
      return program.provinceBoard.map((r) => ({
        code: r.unit.code,
        name: r.unit.name,
        health: r.health,
        lastSyncAt: isoInstant(r.lastSyncAt),
        progress: canonicalProgress(r.progress),
        milestones: r.milestones.map((m) => ({
          key: m.key,
          status: m.status,
          health: m.health,
          percentComplete: m.percentComplete,
        })),
      }));
    }
    case 'Q3': {
      const c = (data as ApiQ3).milestones;
      return {
        totalCount: c.totalCount,
        nodes: c.edges.map(({ node: m }) => ({
          id: m.id,
          key: m.key,
          title: m.title,
          health: m.health,
          status: m.status,
          percentComplete: m.percentComplete,
          programCode: m.program.code,
          programName: m.program.name,
          unitCode: m.unit.code,
          unitName: m.unit.name,
        })),
      };
    }
    case 'Q4': {
      const c = (data as ApiQ4).escalations;
      return {
        totalCount: c.totalCount,
        nodes: c.edges.map(({ node: e }) => ({
          id: e.id,
          level: e.level,
          reason: e.reason,
          state: e.state,
          ageDays: e.ageDays,
          key: e.milestone.key,
          programCode: e.milestone.program.code,
          unitCode: e.milestone.unit.code,
          unitName: e.milestone.unit.name,
        })),
      };
    }
  }
}

const canonicalFigure = (f: Figure): Canonical => ({
  period: f.period,
  value: f.value,
  numerator: f.numerator,
  denominator: f.denominator,
});

/** Q5 in canonical form: the floor builds the same ApiQ5 shape, so one function serves both. */
export function canonicalQ5(d: ApiQ5): Canonical {
  return {
    indicators: d.indicators.map((i) => ({
      code: i.code,
      kind: i.kind,
      projection: i.projection && {
        targetValue: i.projection.target.value,
        targetDue: i.projection.target.due,
        latest: i.projection.latest && {
          ...(canonicalFigure(i.projection.latest) as Record<string, Canonical>),
          reportingUnits: i.projection.latest.reportingUnits,
          expectedUnits: i.projection.latest.expectedUnits,
        },
        projectedDate: i.projection.projectedDate,
        onTrack: i.projection.onTrack,
      },
    })),
    ranked:
      d.indicator?.byProvince.map((r) => ({
        code: r.unit.code,
        name: r.unit.name,
        figure: canonicalFigure(r.figure),
        gapToTarget: r.gapToTarget,
      })) ?? null,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * The first difference between two canonical answers, or null when they agree.
 * Objects are compared on the keys both have, so that a server that answers
 * fewer fields (the peer) is held to those it does answer; two objects with no
 * key in common disagree, so that a misnamed field cannot pass unnoticed.
 * Numbers must be equal exactly: every server rounds as the domain does.
 */
function firstDifference(a: unknown, b: unknown, path: string): string | null {
  const at = path || '(answer)';
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return `${at}: ${show(a)} vs ${show(b)}`;
    if (a.length !== b.length) return `${at}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i += 1) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (isRecord(a) && isRecord(b)) {
    const shared = Object.keys(a).filter((k) => k in b);
    if (shared.length === 0 && (Object.keys(a).length > 0 || Object.keys(b).length > 0)) {
      return `${at}: no field in common (${Object.keys(a).join(',')} vs ${Object.keys(b).join(',')})`;
    }
    for (const k of shared) {
      const d = firstDifference(a[k], b[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${at}: ${show(a)} vs ${show(b)}`;
}

/** null when the two canonical answers agree, else where they first differ. */
export function agree(workload: Workload, a: unknown, b: unknown): string | null {
  const d = firstDifference(a, b, '');
  return d && `${workload} ${d}`;
}
