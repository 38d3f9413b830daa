import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The one place configuration is read. Every variable is validated here; a bad value stops the
 * process at start with a message that names the variable and how to fix it.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], {
    error: 'use true or false',
  })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .min(1)
    .refine((v) => /^postgres(ql)?:\/\//.test(v), {
      message: 'must be a PostgreSQL URL such as postgres://user@127.0.0.1:5432/riktning',
    })
    .optional(),
  DATABASE_READ_URL: z
    .string()
    .trim()
    .min(1)
    .refine((v) => /^postgres(ql)?:\/\//.test(v), {
      message:
        'måste vara en PostgreSQL-adress till en läsreplik, t.ex. postgres://riktning@replik:5432/riktning / must be a PostgreSQL URL of a read replica',
    })
    .optional(),
  RIKTNING_DATA_DIR: z.string().trim().min(1, 'must name a directory').default('./data'),
  HOST: z.string().trim().min(1, 'must be a host name or IP address').default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'must be a whole number between 1 and 65535' })
    .int('must be a whole number between 1 and 65535')
    .min(1, 'must be a whole number between 1 and 65535')
    .max(65535, 'must be a whole number between 1 and 65535')
    .default(3000),
  RIKTNING_DEMO_DATA: booleanFlag.default(true),
  RIKTNING_REGION: z.string().trim().min(1, 'must name a region pack directory').optional(),
  RIKTNING_WORKER: booleanFlag.default(true),
  RIKTNING_PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: 'must be an absolute http(s) URL such as https://riktning.example.se',
    })
    .optional(),
  DATABASE_POOL_MAX: z.coerce
    .number({ error: 'must be a whole number from 1 to 100' })
    .int()
    .min(1)
    .max(100)
    .default(10),
  DATABASE_READ_POOL_MAX: z.coerce
    .number({ error: 'must be a whole number from 1 to 100' })
    .int()
    .min(1)
    .max(100)
    .optional(),
  KOLADA_BASE_URL: z
    .url({ error: 'must be an absolute URL such as https://api.kolada.se/v3' })
    .default('https://api.kolada.se/v3'),
  SCB_PXWEB_V1_BASE_URL: z
    .url({ error: 'must be an absolute URL such as https://api.scb.se/OV0104/v1/doris/sv/ssd' })
    .default('https://api.scb.se/OV0104/v1/doris/sv/ssd'),
  SCB_PXWEB_V2_BASE_URL: z
    .url({ error: 'must be an absolute URL such as https://statistikdatabasen.scb.se/api/v2' })
    .default('https://statistikdatabasen.scb.se/api/v2'),
  SMTP_URL: z
    .string()
    .trim()
    .refine((v) => /^smtps?:\/\//.test(v), {
      message:
        'must be an SMTP URL such as smtp://127.0.0.1:2525 or smtps://user:pass@mail.example.se',
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .min(3, 'must be a sender such as "Riktning <noreply@example.se>"')
    .default('Riktning <noreply@localhost>'),
  OIDC_ISSUER: z
    .url({
      error: 'must be the issuer URL of the OpenID provider, such as https://login.example.se',
    })
    .optional(),
  OIDC_CLIENT_ID: z
    .string()
    .trim()
    .min(1, 'must be the client id registered at the provider')
    .optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_STATE_SECRET: z
    .string()
    .min(32, 'must be at least 32 random characters (for example `openssl rand -hex 32`)')
    .optional(),
  OIDC_NAME: z
    .string()
    .trim()
    .min(1)
    .max(60, 'must be a short label such as "Freja eID"')
    .default('OpenID Connect'),
  OIDC_SCOPE: z.string().trim().min(1).default('openid email profile'),
  OIDC_ORGANISATION_CLAIM: z.string().trim().min(1).optional(),
  OIDC_EMAIL_DOMAINS: z
    .string()
    .trim()
    .refine(
      (v) =>
        v
          .split(',')
          .every((pair) => /^[a-z0-9.-]+\.[a-z]{2,}=[a-z0-9]+(-[a-z0-9]+)*$/i.test(pair.trim())),
      {
        message:
          'must be pairs domain=organisation-slug separated by commas, such as mora.se=mora-kommun,regiondalarna.se=region-dalarna',
      },
    )
    .optional(),
  OIDC_DEFAULT_ROLE: z
    .enum(['aktor', 'analytiker'], { error: 'use aktor or analytiker' })
    .default('aktor'),
  OIDC_TRUST_EMAIL: booleanFlag.default(false),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'use one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  NODE_ENV: z.string().trim().optional(),
  TRUST_PROXY: z
    .string()
    .trim()
    .refine((v) => parseTrustProxy(v) !== null, {
      message:
        'ange antal proxyled (t.ex. 1) eller adresser/CIDR åtskilda med komma (t.ex. 127.0.0.1,10.0.0.0/8) / a hop count or a comma list of addresses or CIDRs',
    })
    .optional(),
  CHROMIUM_PATH: z
    .string()
    .trim()
    .min(1, 'must name the Chromium binary')
    .default('/usr/bin/chromium'),
  METRICS_TOKEN: z
    .string()
    .trim()
    .min(24, 'must be a secret of at least 24 characters (e.g. openssl rand -hex 24)')
    .optional(),
  REQUEST_ID_HEADER: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,64}$/, 'must be a header name such as x-request-id')
    .optional(),
  BACKUP_DIR: z.string().trim().min(1, 'must name a directory').optional(),
  BACKUP_KEEP_DAYS: z.coerce
    .number({ error: 'must be a whole number of days from 1 to 3650' })
    .int('must be a whole number of days from 1 to 3650')
    .min(1, 'must be a whole number of days from 1 to 3650')
    .max(3650, 'must be a whole number of days from 1 to 3650')
    .default(14),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a whole number of milliseconds from 1000 to 600000' })
    .int('must be a whole number of milliseconds from 1000 to 600000')
    .min(1000, 'must be a whole number of milliseconds from 1000 to 600000')
    .max(600_000, 'must be a whole number of milliseconds from 1000 to 600000')
    .default(25_000),
});

export type Env = z.input<typeof schema>;

export interface Config {
  database:
    | { kind: 'pglite'; dataDir: string }
    | { kind: 'postgres'; url: string; poolMax: number };
  /**
   * A read replica of the PostgreSQL primary (DATABASE_READ_URL) for the anonymous public reads;
   * null when unset, and then every read uses the primary (docs/decisions/018-read-replica.md).
   */
  readDatabase: { url: string; poolMax: number } | null;
  host: string;
  port: number;
  demoData: boolean;
  /**
   * The region pack directory (RIKTNING_REGION): who the installation is, its strategy and
   * indicators (docs/region-pack.md). Defaults to the pack shipped in regions/.
   */
  regionDir: string;
  /** Whether `serve` also works the jobs table (scheduled imports); off when a separate `riktning worker` runs. */
  worker: boolean;
  /**
   * The public address (RIKTNING_PUBLIC_URL, no trailing slash): every absolute link in mails,
   * feeds, files, embed code and API answers is built from it, never from request headers.
   * Required outside development; in development it defaults to http://localhost:PORT.
   */
  publicUrl: string;
  /**
   * Which proxies' X-Forwarded-* headers are believed (TRUST_PROXY): a hop count or a list of
   * addresses and CIDRs; false (the default) → none, and the client address is the socket's.
   */
  trustProxy: false | number | string[];
  /** Chromium for the annual report's PDF (CHROMIUM_PATH). */
  chromiumPath: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** Outgoing mail; without an SMTP URL mails are not sent and a warning is logged. */
  mail: { smtpUrl: string | null; from: string };
  /** Base URLs of the statistics sources; tests point them at recorded responses on loopback. */
  sources: { koladaBaseUrl: string; scbV1BaseUrl: string; scbV2BaseUrl: string };
  /** Single sign-on through OpenID Connect; null when OIDC_ISSUER is unset. */
  oidc: OidcConfig | null;
  /** The bearer token of GET /metrics (Prometheus); null when unset, and then /metrics is off. */
  metricsToken: string | null;
  /**
   * A request header whose value becomes the request id in the log (the proxy's X-Request-Id);
   * null → ids are made here and no request header is read.
   */
  requestIdHeader: string | null;
  /** The nightly backup (BACKUP_DIR, BACKUP_KEEP_DAYS); null when BACKUP_DIR is unset. */
  backup: { dir: string; keepDays: number } | null;
  /** How long a stopping process waits for requests and jobs in flight before it exits anyway. */
  shutdownTimeoutMs: number;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Unset for a public client (PKCE only). */
  clientSecret: string | null;
  /** Key of the signed cookie that carries state, nonce and PKCE verifier between the two legs. */
  stateSecret: string;
  /** The label of the sign-in button, e.g. "Freja eID". */
  name: string;
  scope: string;
  /** A claim whose value is an organisation's slug or organisationsnummer. */
  organisationClaim: string | null;
  /** Email domain → organisation slug, for new users. */
  emailDomains: Record<string, string>;
  defaultRole: 'aktor' | 'analytiker';
  /** Whether the provider's email is trusted without `email_verified` (Entra ID sends none). */
  trustEmail: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Ogiltig konfiguration / invalid configuration:\n' +
        problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n') +
        '\nRätta variabeln i miljön (se README, "Konfiguration") och starta igen.',
    );
    this.name = 'ConfigError';
  }
}

/**
 * The region pack shipped in the repository, used when RIKTNING_REGION is unset: the directory
 * under regions/ that regions/DEFAULT names.
 */
const regionsRoot = new URL('../regions/', import.meta.url);
export const defaultRegionDir = path.join(
  fileURLToPath(regionsRoot),
  readFileSync(new URL('DEFAULT', regionsRoot), 'utf8').trim(),
);

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

/**
 * TRUST_PROXY: a whole number of hops, or a comma list of IPv4/IPv6 addresses and CIDRs; null
 * when it is neither.
 */
export function parseTrustProxy(value: string): number | string[] | null {
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const list = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const address = /^(\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|[0-9a-f:]*:[0-9a-f:.]*(\/\d{1,3})?)$/i;
  return list.length > 0 && list.every((v) => address.test(v)) ? list : null;
}

function publicUrlOf(c: z.infer<typeof schema>): string {
  if (c.RIKTNING_PUBLIC_URL) return c.RIKTNING_PUBLIC_URL.replace(/\/+$/, '');
  if (c.NODE_ENV === 'production' || !LOOPBACK.test(c.HOST)) {
    throw new ConfigError([
      {
        variable: 'RIKTNING_PUBLIC_URL',
        message:
          'måste anges utanför utveckling (NODE_ENV=production eller HOST som inte är loopback): ' +
          'den publika adressen, t.ex. https://riktning.example.se, som alla länkar i e-post, flöden ' +
          'och filer byggs av. / must be set outside development (NODE_ENV=production or a HOST that ' +
          'is not loopback): the public address every link in mails, feeds and files is built from',
      },
    ]);
  }
  return `http://localhost:${c.PORT}`;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({
        variable: String(i.path[0] ?? '?'),
        message: i.message,
      })),
    );
  }
  const c = parsed.data;
  if (c.DATABASE_READ_URL && !c.DATABASE_URL) {
    throw new ConfigError([
      {
        variable: 'DATABASE_READ_URL',
        message:
          'kan bara användas tillsammans med DATABASE_URL: en läsreplik kräver en PostgreSQL-primär ' +
          '(den inbäddade databasen har ingen replik). Sätt DATABASE_URL eller ta bort DATABASE_READ_URL. ' +
          '/ only valid together with DATABASE_URL (a replica needs a PostgreSQL primary)',
      },
    ]);
  }
  const oidc = oidcConfig(c);
  return {
    database: c.DATABASE_URL
      ? { kind: 'postgres', url: c.DATABASE_URL, poolMax: c.DATABASE_POOL_MAX }
      : { kind: 'pglite', dataDir: path.resolve(c.RIKTNING_DATA_DIR) },
    readDatabase: c.DATABASE_READ_URL
      ? {
          url: c.DATABASE_READ_URL,
          poolMax: c.DATABASE_READ_POOL_MAX ?? c.DATABASE_POOL_MAX,
        }
      : null,
    host: c.HOST,
    port: c.PORT,
    demoData: c.RIKTNING_DEMO_DATA,
    regionDir: c.RIKTNING_REGION ? path.resolve(c.RIKTNING_REGION) : defaultRegionDir,
    worker: c.RIKTNING_WORKER,
    publicUrl: publicUrlOf(c),
    trustProxy: c.TRUST_PROXY ? parseTrustProxy(c.TRUST_PROXY)! : false,
    chromiumPath: c.CHROMIUM_PATH,
    logLevel: c.LOG_LEVEL,
    mail: { smtpUrl: c.SMTP_URL ?? null, from: c.MAIL_FROM },
    sources: {
      koladaBaseUrl: c.KOLADA_BASE_URL.replace(/\/+$/, ''),
      scbV1BaseUrl: c.SCB_PXWEB_V1_BASE_URL.replace(/\/+$/, ''),
      scbV2BaseUrl: c.SCB_PXWEB_V2_BASE_URL.replace(/\/+$/, ''),
    },
    oidc,
    metricsToken: c.METRICS_TOKEN ?? null,
    requestIdHeader: c.REQUEST_ID_HEADER ?? null,
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
    backup: c.BACKUP_DIR ? { dir: path.resolve(c.BACKUP_DIR), keepDays: c.BACKUP_KEEP_DAYS } : null,
  };
}

function oidcConfig(c: z.infer<typeof schema>): OidcConfig | null {
  if (!c.OIDC_ISSUER) return null;
  const problems: { variable: string; message: string }[] = [];
  if (!c.OIDC_CLIENT_ID) {
    problems.push({ variable: 'OIDC_CLIENT_ID', message: 'must be set when OIDC_ISSUER is set' });
  }
  const stateSecret = c.OIDC_STATE_SECRET ?? c.OIDC_CLIENT_SECRET;
  if (!stateSecret || stateSecret.length < 32) {
    problems.push({
      variable: 'OIDC_STATE_SECRET',
      message: 'must be at least 32 random characters when OIDC_CLIENT_SECRET is unset or shorter',
    });
  }
  if (!c.OIDC_ORGANISATION_CLAIM && !c.OIDC_EMAIL_DOMAINS) {
    problems.push({
      variable: 'OIDC_EMAIL_DOMAINS',
      message:
        'set OIDC_EMAIL_DOMAINS or OIDC_ORGANISATION_CLAIM so new users can be placed in an organisation',
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const emailDomains = Object.fromEntries(
    (c.OIDC_EMAIL_DOMAINS ?? '')
      .split(',')
      .filter((pair) => pair.trim() !== '')
      .map((pair) => {
        const [domain, slug] = pair.trim().split('=');
        return [domain!.toLowerCase(), slug!];
      }),
  );
  return {
    issuer: c.OIDC_ISSUER,
    clientId: c.OIDC_CLIENT_ID!,
    clientSecret: c.OIDC_CLIENT_SECRET ?? null,
    stateSecret: stateSecret!,
    name: c.OIDC_NAME,
    scope: c.OIDC_SCOPE,
    organisationClaim: c.OIDC_ORGANISATION_CLAIM ?? null,
    emailDomains,
    defaultRole: c.OIDC_DEFAULT_ROLE,
    trustEmail: c.OIDC_TRUST_EMAIL,
  };
}
