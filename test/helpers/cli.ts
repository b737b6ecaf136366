/** Runs the compiled juesuan CLI (dist/, see build.ts) in a child process, as a user would, and collects its exit code and output. */
import { execFile } from 'node:child_process';
import path from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;
export const fixture = (f: string) => path.join(root, 'test/fixtures', f);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** As root, permissions are not enforced: such tests run the CLI as this user instead (nobody). */
export const UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

export function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; uid?: number; gid?: number } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, 'dist/cli/main.js'), ...args],
      { cwd: opts.cwd ?? root, env: opts.env ?? process.env, encoding: 'utf8', timeout: opts.timeoutMs ?? 120_000, maxBuffer: 64 << 20, uid: opts.uid, gid: opts.gid },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: unknown }).code as number) : 0;
        resolve({ code: typeof code === 'number' ? code : -1, stdout, stderr });
      },
    );
  });
}
