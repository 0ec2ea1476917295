import { provinceAuthority, signToken } from '@tracker/auth';
import { Role } from '@tracker/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A province node's staff API, as an officer at the office uses it. */
export class NodeApi {
  private token: string | undefined;

  constructor(
    readonly code: string,
    readonly url: string,
    private readonly dataDir: string,
  ) {}

  /** Signed with the node's own key, which it writes to its DATA_DIR on first start. */
  private officerToken(): string {
    this.token ??= signToken(
      provinceAuthority(this.code, readFileSync(join(this.dataDir, 'token-secret'), 'utf8').trim()),
      { role: Role.PROVINCE_OFFICER, unit: this.code, sub: `soak-officer-${this.code}` },
      '1d',
    );
    return this.token;
  }

  async request<T>(
    query: string,
    variables?: Record<string, unknown>,
    timeoutMs = 15_000,
  ): Promise<T> {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.officerToken()}`,
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data)
      throw new Error(
        `node ${this.code}: ${body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`}`,
      );
    return body.data;
  }

  async openMilestones(): Promise<OpenMilestone[]> {
    const { milestones } = await this.request<{ milestones: OpenMilestone[] }>(
      `{ milestones { programCode key status percentComplete } }`,
    );
    return milestones.filter((m) => m.status !== 'DONE' && m.status !== 'CANCELLED');
  }

  async pending(): Promise<number> {
    const { syncState } = await this.request<{ syncState: { pending: number } }>(
      `{ syncState { pending } }`,
      undefined,
      5_000,
    );
    return syncState.pending;
  }

  async syncNow(): Promise<number> {
    const { syncNow } = await this.request<{ syncNow: { pending: number } }>(
      `mutation { syncNow { pending } }`,
      undefined,
      60_000,
    );
    return syncNow.pending;
  }

  /** Moves a milestone forward by a little; the note makes the report findable at the centre. */
  async report(m: OpenMilestone, note: string): Promise<void> {
    const percent = Math.min(95, m.percentComplete + 1 + Math.floor(Math.random() * 3));
    const blocked = Math.random() < 0.05;
    await this.request(
      `mutation($input: ReportProgressInput!) { reportProgress(input: $input) { key } }`,
      {
        input: {
          programCode: m.programCode,
          key: m.key,
          status: blocked ? 'BLOCKED' : 'IN_PROGRESS',
          percentComplete: percent,
          blocker: blocked ? 'Chờ bố trí kinh phí (soak)' : null,
          note,
        },
      },
    );
    m.percentComplete = percent;
  }

  /** A value of the soak's indicator for a month, in the same outbox and seq space as reports. */
  async reportValue(period: string, numerator: number, note: string): Promise<void> {
    await this.request(
      `mutation($input: ReportIndicatorInput!) { reportIndicator(input: $input) { code } }`,
      { input: { indicatorCode: SOAK_INDICATOR, period, numerator, note } },
    );
  }
}

/** The indicator the soak's offices report: a count, so any figure of 0 or more stands. */
export const SOAK_INDICATOR = 'SOAK_RECORDS';

export interface OpenMilestone {
  programCode: string;
  key: string;
  status: string;
  percentComplete: number;
}
