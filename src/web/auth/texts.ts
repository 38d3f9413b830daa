import type { FastifyRequest } from 'fastify';
import type { Locale } from '../i18n/index.js';
import { accountsEn } from '../i18n/accounts.en.js';
import { accountsSv, type AccountsMessages } from '../i18n/accounts.sv.js';
import { adminEn } from '../i18n/admin.en.js';
import { adminSv } from '../i18n/admin.sv.js';
import { adminLocale } from '../admin/locale.js';

export type AdminMessages = typeof adminSv;

export interface Texts {
  locale: Locale;
  /** The sign-in pages' and the admin shell's messages. */
  t: AdminMessages;
  /** Single sign-on, users, organisations and the audit log. */
  a: AccountsMessages;
}

export function textsFor(locale: Locale): Texts {
  return locale === 'en'
    ? { locale, t: adminEn, a: accountsEn }
    : { locale, t: adminSv, a: accountsSv };
}

/** The messages in the language the visitor chose for the signed-in pages (Swedish by default). */
export const textsOf = (req: FastifyRequest): Texts => textsFor(adminLocale(req));
