import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoadConfig, LoadResult } from './load-config';

/** Runs one load in a separate process; the config goes by file (W1's tokens overflow argv). */
export function runLoad(config: LoadConfig): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'nsdb-bench-'));
  const file = join(dir, 'load.json');
  writeFileSync(file, JSON.stringify(config));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(__dirname, 'load-worker.js'), file],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        rmSync(dir, { recursive: true, force: true });
        if (error) reject(new Error(`load generator: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout) as LoadResult);
      },
    );
  });
}
