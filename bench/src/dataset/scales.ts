/**
 * The datasets the bench measures. `national` is the programme as it is: five
 * programs over 63 provinces; `x10` is ten times the programs, ten times the
 * reporting units and ten times the history; `tiny` only proves in CI that the
 * bench runs and that every server gives the same answers.
 */
export interface Scale {
  name: string;
  /** Copies of the five national programs (1 = the five themselves). */
  programCopies: number;
  /** Reporting units: the 63 provinces, plus synthetic ones beyond 63. */
  provinces: number;
  centralItems: number;
  /** FEDERATED programs: central items first, then this many province items. */
  federatedCentralItems: number;
  provinceItems: number;
  historyUpdates: number;
}

export const SCALES: Record<string, Scale> = {
  tiny: {
    name: 'tiny',
    programCopies: 1,
    provinces: 63,
    centralItems: 6,
    federatedCentralItems: 2,
    provinceItems: 12,
    historyUpdates: 5_000,
  },
  national: {
    name: 'national',
    programCopies: 1,
    provinces: 63,
    centralItems: 16,
    federatedCentralItems: 4,
    provinceItems: 12,
    historyUpdates: 200_000,
  },
  x10: {
    name: 'x10',
    programCopies: 10,
    provinces: 630,
    centralItems: 16,
    federatedCentralItems: 4,
    provinceItems: 12,
    historyUpdates: 2_000_000,
  },
};

/** The central clock of every bench run: fixed, so that health and answers repeat. */
export const BENCH_NOW = '2026-06-30T03:00:00Z';
export const BENCH_TODAY = '2026-06-30';

/** Q6's day: a board as it stood a year before the central date (the history reaches it). */
export const BENCH_A_YEAR_BACK = '2025-06-30';
