/** Where the central app keeps its files (the embedded database, the demo's key): DATA_DIR. */
export function centralDataDir(env: Record<string, string | undefined>): string {
  return env.DATA_DIR || './data/central';
}
