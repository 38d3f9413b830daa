/**
 * The test harness's own switches, read from the environment here and nowhere else in the tests
 * (the product reads its environment in src/config.ts alone).
 */
export const testEnv = {
  /** RIKTNING_LONG_TESTS=1: the long, larger runs of the reliability and backup proofs. */
  longTests: process.env.RIKTNING_LONG_TESTS === '1',
  /** UPDATE_OPENAPI=1: rewrite docs/openapi.json from the code instead of only comparing. */
  updateOpenApi: process.env.UPDATE_OPENAPI === '1',
  /** The PostgreSQL server of the postgres project (TEST_DATABASE_URL). */
  databaseUrl: process.env.TEST_DATABASE_URL,
};
