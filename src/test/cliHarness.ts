import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { EXIT, main } from '../cli/main.js';
import { emptyDatabaseEnv } from './database.js';

/**
 * The `riktning` command run in-process against an empty database of its own (made once per
 * file): `run(...argv)` answers the exit code, `io.out` and `io.err` hold what it printed.
 */
export function cliHarness() {
  let env: Awaited<ReturnType<typeof emptyDatabaseEnv>>;
  const saved = { ...process.env };
  const io = { out: [] as string[], err: [] as string[] };
  beforeAll(async () => {
    env = await emptyDatabaseEnv();
  });
  afterAll(async () => {
    await env?.drop();
  });
  afterEach(() => {
    process.env = { ...saved };
    vi.restoreAllMocks();
  });
  async function run(...argv: string[]): Promise<number> {
    io.out = [];
    io.err = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void io.out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation(
      (...a: unknown[]) => void io.err.push(a.join(' ')),
    );
    Object.assign(process.env, env.env, {
      LOG_LEVEL: 'silent',
      RIKTNING_PUBLIC_URL: 'https://riktning.example.se',
    });
    delete process.env.SMTP_URL;
    const code = await main(argv);
    vi.restoreAllMocks();
    return code;
  }
  return { run, io, EXIT };
}
