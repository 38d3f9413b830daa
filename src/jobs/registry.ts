import type { Config } from '../config.js';
import type { Ctx } from '../domain/context.js';
import { IMPORT_REQUESTED, runRequestedImport } from './requestedImport.js';
import {
  REFRESH_ALL,
  REFRESH_ONE,
  refreshAllIndicators,
  refreshIndicator,
} from './refreshIndicators.js';
import { PURGE_ACCOUNTS, purgeAccountData } from './purgeAccounts.js';
import { REPORT_REMINDERS, reportRemindersJob } from './reportReminders.js';
import { MAIL_SEND, mailJob } from '../mail/outbox.js';

/** A job kind's handler. Throwing fails the attempt; the job is retried with backoff. */
export type JobHandler = (ctx: Ctx, payload: unknown, jobId: number) => Promise<unknown>;

export type JobRegistry = Record<string, JobHandler>;

/** Jobs scheduled by the worker itself: the kind and when it next runs after now. */
export interface ScheduledJob {
  kind: string;
  next: (now: Date) => Date;
}

/**
 * The job kinds Riktning runs. Mail and the report reminders need the mail settings and the
 * public address; without them (tests of other jobs) those kinds are not registered.
 */
export function defaultRegistry(
  sources: Config['sources'],
  mail?: Config['mail'],
  publicUrl?: string,
): JobRegistry {
  return {
    ...(mail ? { [MAIL_SEND]: mailJob(mail) } : {}),
    [REFRESH_ALL]: (ctx) => refreshAllIndicators(ctx),
    [REFRESH_ONE]: (ctx, payload) => refreshIndicator(ctx, payload, sources),
    [IMPORT_REQUESTED]: (ctx, payload) => runRequestedImport(ctx, payload, sources),
    ...(mail && publicUrl !== undefined
      ? { [REPORT_REMINDERS]: (ctx: Ctx) => reportRemindersJob(ctx, { mail, publicUrl }) }
      : {}),
    [PURGE_ACCOUNTS]: (ctx) => purgeAccountData(ctx),
  };
}
