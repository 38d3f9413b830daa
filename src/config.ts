import path from 'node:path';
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
  RIKTNING_DATA_DIR: z.string().trim().min(1, 'must name a directory').default('./data'),
  HOST: z.string().trim().min(1, 'must be a host name or IP address').default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'must be a whole number between 1 and 65535' })
    .int('must be a whole number between 1 and 65535')
    .min(1, 'must be a whole number between 1 and 65535')
    .max(65535, 'must be a whole number between 1 and 65535')
    .default(3000),
  RIKTNING_DEMO_DATA: booleanFlag.default(true),
  RIKTNING_WORKER: booleanFlag.default(true),
  RIKTNING_PUBLIC_URL: z
    .url({ error: 'must be an absolute URL such as https://riktning.example.se' })
    .optional(),
  DATABASE_POOL_MAX: z.coerce
    .number({ error: 'must be a whole number from 1 to 100' })
    .int()
    .min(1)
    .max(100)
    .default(10),
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
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'use one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

export type Env = z.input<typeof schema>;

export interface Config {
  database:
    | { kind: 'pglite'; dataDir: string }
    | { kind: 'postgres'; url: string; poolMax: number };
  host: string;
  port: number;
  demoData: boolean;
  /** Whether `serve` also works the jobs table (scheduled imports); off when a separate `riktning worker` runs. */
  worker: boolean;
  publicUrl: string | null;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** Outgoing mail; without an SMTP URL mails are not sent and a warning is logged. */
  mail: { smtpUrl: string | null; from: string };
  /** Base URLs of the statistics sources; tests point them at recorded responses on loopback. */
  sources: { koladaBaseUrl: string; scbV1BaseUrl: string; scbV2BaseUrl: string };
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
  return {
    database: c.DATABASE_URL
      ? { kind: 'postgres', url: c.DATABASE_URL, poolMax: c.DATABASE_POOL_MAX }
      : { kind: 'pglite', dataDir: path.resolve(c.RIKTNING_DATA_DIR) },
    host: c.HOST,
    port: c.PORT,
    demoData: c.RIKTNING_DEMO_DATA,
    worker: c.RIKTNING_WORKER,
    publicUrl: c.RIKTNING_PUBLIC_URL ?? null,
    logLevel: c.LOG_LEVEL,
    mail: { smtpUrl: c.SMTP_URL ?? null, from: c.MAIL_FROM },
    sources: {
      koladaBaseUrl: c.KOLADA_BASE_URL.replace(/\/+$/, ''),
      scbV1BaseUrl: c.SCB_PXWEB_V1_BASE_URL.replace(/\/+$/, ''),
      scbV2BaseUrl: c.SCB_PXWEB_V2_BASE_URL.replace(/\/+$/, ''),
    },
  };
}

/** The configuration table of the README, kept here so docs and code agree. */
export const configDocs: { variable: string; default: string; meaning: string }[] = [
  {
    variable: 'DATABASE_URL',
    default: '(unset)',
    meaning: 'PostgreSQL URL; unset → embedded PGlite in RIKTNING_DATA_DIR',
  },
  {
    variable: 'RIKTNING_DATA_DIR',
    default: './data',
    meaning: 'Directory of the embedded database',
  },
  { variable: 'HOST', default: '127.0.0.1', meaning: 'Address the server listens on' },
  { variable: 'PORT', default: '3000', meaning: 'Port the server listens on' },
  {
    variable: 'RIKTNING_DEMO_DATA',
    default: 'true',
    meaning: 'Load demo data into an empty database at start; false for a real deployment',
  },
  {
    variable: 'RIKTNING_WORKER',
    default: 'true',
    meaning:
      'Work scheduled jobs (nightly indicator refresh) inside serve; false when a separate `riktning worker` runs',
  },
  {
    variable: 'RIKTNING_PUBLIC_URL',
    default: '(unset)',
    meaning: 'Public base URL used in feeds and metadata',
  },
  { variable: 'DATABASE_POOL_MAX', default: '10', meaning: 'Connections in the PostgreSQL pool' },
  {
    variable: 'KOLADA_BASE_URL',
    default: 'https://api.kolada.se/v3',
    meaning: 'Kolada API v3 base URL',
  },
  {
    variable: 'SCB_PXWEB_V1_BASE_URL',
    default: 'https://api.scb.se/OV0104/v1/doris/sv/ssd',
    meaning: 'SCB PxWeb API v1 base URL',
  },
  {
    variable: 'SCB_PXWEB_V2_BASE_URL',
    default: 'https://statistikdatabasen.scb.se/api/v2',
    meaning: 'SCB PxWebApi 2.0 base URL',
  },
  {
    variable: 'SMTP_URL',
    default: '(unset)',
    meaning: 'SMTP server for outgoing mail, e.g. smtp://127.0.0.1:2525; unset → no mail is sent',
  },
  {
    variable: 'MAIL_FROM',
    default: 'Riktning <noreply@localhost>',
    meaning: 'Sender of outgoing mail',
  },
  {
    variable: 'LOG_LEVEL',
    default: 'info',
    meaning: 'fatal, error, warn, info, debug, trace or silent',
  },
];
