/**
 * Builds dist/ (npm run build) only when a file of src/ is newer than the last build. The vitest
 * globalSetup (tests that spawn the CLI run the compiled dist/, as users do) and npm run fuzz use it, so
 * a single `npx vitest run test/x.test.ts` after editing src/ never tests stale code.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return t;
}

export default function buildIfStale(): void {
  const built = (() => {
    try {
      return statSync(path.join(root, 'dist', 'cli', 'main.js')).mtimeMs;
    } catch {
      return 0;
    }
  })();
  if (built >= Math.max(newest(path.join(root, 'src')), statSync(path.join(root, 'tsconfig.build.json')).mtimeMs)) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
}
