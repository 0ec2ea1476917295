import { NodeApi, OpenMilestone, SOAK_INDICATOR } from './node-api';

/** A report or indicator value the node accepted (answered without error): the centre must hold it exactly once. */
export interface AcceptedReport {
  code: string;
  /** programCode/key of a report, indicator/month of a value. */
  subject: string;
  note: string;
}

/**
 * One steady send in this many is an indicator value, not a progress report. The
 * months are before the provinces' merger of 2025-07-01 (BENCH_NOW is after it), so
 * a value from a province that has since merged still stands.
 */
const VALUE_EVERY = 4;
const VALUE_MONTHS = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];

export interface ReportCounts {
  accepted: AcceptedReport[];
  /** Refused or unanswered (the node was down or killed mid-request): not the node's to keep. */
  failed: number;
}

/**
 * The offices: reports at a steady rate in all, each on a random open milestone
 * of a random node, and once a month's-end burst in which every node reports
 * every open milestone. Each note is unique to the run, so the verdict can find
 * each accepted report at the centre.
 */
export class Offices {
  readonly counts: ReportCounts = { accepted: [], failed: 0 };
  private serial = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly nodes: NodeApi[],
    private readonly runId: string,
  ) {}

  steady(perSecond: number): void {
    if (perSecond <= 0) return;
    this.timer = setInterval(() => {
      const node = this.nodes[Math.floor(Math.random() * this.nodes.length)];
      this.track(this.reportOnRandom(node));
    }, 1000 / perSecond);
  }

  /** Every node reports every open milestone, spread over `seconds`. Resolves when all were tried. */
  async monthEnd(seconds: number): Promise<number> {
    const lists = await Promise.all(
      this.nodes.map((n) => n.openMilestones().catch(() => [] as OpenMilestone[])),
    );
    const work = lists.flatMap((list, i) => list.map((m) => ({ node: this.nodes[i], m })));
    const gap = (seconds * 1000) / Math.max(1, work.length);
    for (const [i, { node, m }] of work.entries()) {
      setTimeout(() => this.track(this.send(node, m, 'cuối tháng')), i * gap);
    }
    await new Promise((r) => setTimeout(r, seconds * 1000));
    await this.settled();
    return work.length;
  }

  private async reportOnRandom(node: NodeApi): Promise<void> {
    if (Math.random() < 1 / VALUE_EVERY) return this.sendValue(node);
    let open: OpenMilestone[];
    try {
      open = await node.openMilestones();
    } catch {
      this.counts.failed += 1;
      return;
    }
    if (open.length === 0) return;
    await this.send(node, open[Math.floor(Math.random() * open.length)], 'định kỳ');
  }

  private send(node: NodeApi, m: OpenMilestone, kind: string): Promise<void> {
    return this.accept(node, `${m.programCode}/${m.key}`, kind, (note) => node.report(m, note));
  }

  private sendValue(node: NodeApi): Promise<void> {
    const month = VALUE_MONTHS[Math.floor(Math.random() * VALUE_MONTHS.length)];
    return this.accept(node, `${SOAK_INDICATOR}/${month}`, 'chỉ tiêu', (note) =>
      node.reportValue(month, this.serial, note),
    );
  }

  /** Sends one report with a note unique to the run; counts it as accepted only if the node said so. */
  private async accept(
    node: NodeApi,
    subject: string,
    kind: string,
    send: (note: string) => Promise<void>,
  ): Promise<void> {
    this.serial += 1;
    const note = `soak ${this.runId} #${this.serial} (${kind})`;
    try {
      await send(note);
      this.counts.accepted.push({ code: node.code, subject, note });
    } catch {
      this.counts.failed += 1;
    }
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.settled();
  }
}

export interface Read {
  at: number;
  ok: boolean;
  ms: number;
  /** Why a read failed: an HTTP status and error code, or the connection's error. */
  why?: string;
}

/** The PMO's screens: the national dashboard and the LAND board, read in turn by each reader. */
export class Readers {
  readonly reads: Read[] = [];
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly centralUrl: string,
    private readonly tokens: string[],
    private readonly documents: string[],
    /** Each reader's pause between reads: within the per-token rate limit. */
    private readonly pauseMs = 250,
  ) {}

  start(): void {
    this.running = true;
    this.loops = this.tokens.map((token, i) => this.loop(token, i));
  }

  private async loop(token: string, offset: number): Promise<void> {
    for (let i = offset; this.running; i += 1) {
      const started = Date.now();
      let why: string | undefined;
      try {
        const res = await fetch(`${this.centralUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: this.documents[i % this.documents.length] }),
          signal: AbortSignal.timeout(10_000),
        });
        const body = (await res.json()) as {
          data?: unknown;
          errors?: { extensions?: { code?: string } }[];
        };
        if (!res.ok || !body.data || body.errors)
          why = `HTTP ${res.status} ${body.errors?.[0]?.extensions?.code ?? ''}`.trim();
      } catch (e) {
        why = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
      }
      this.reads.push({ at: started, ok: !why, ms: Date.now() - started, why });
      await new Promise((r) => setTimeout(r, this.pauseMs));
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}
