import { loadConfig, type Config } from '../config.js';

/**
 * A configuration for tests: the environment the tests run in (as `buildApp` reads it when given
 * none) with the variables given here on top, validated by the same src/config.ts. Tests pass
 * it to `buildApp({ config })` instead of writing to process.env.
 */
export function testConfig(env: Record<string, string | undefined> = {}): Config {
  return loadConfig({ ...process.env, ...env });
}
