import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A path inside the project, found from the package root so that it resolves the
 * same from the TypeScript sources (tests) and from the compiled dist/ (the apps).
 */
export function projectPath(...segments: string[]): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return join(dir, ...segments);
}
