import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { issue, type Issue } from '../result.js';

/** Passwords after NIST SP 800-63B: length over composition, and no commonly used password. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

const commonPasswords: ReadonlySet<string> = new Set(
  readFileSync(new URL('../../../reference/passwords/common.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l.length > 0 && !l.startsWith('#')),
);

/** The rules a new password must meet; messages in Swedish, the field is `password`. */
export function checkPasswordRules(password: string, email?: string): Issue[] {
  const length = [...password].length;
  if (length < PASSWORD_MIN) {
    return [issue('password', `Lösenordet måste ha minst ${PASSWORD_MIN} tecken.`, 'too_short')];
  }
  if (length > PASSWORD_MAX) {
    return [issue('password', `Lösenordet får ha högst ${PASSWORD_MAX} tecken.`, 'too_long')];
  }
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) {
    return [
      issue(
        'password',
        'Lösenordet är för vanligt och lätt att gissa. Välj ett annat, gärna en fras med flera ord.',
        'common',
      ),
    ];
  }
  if (email && lower === email.trim().toLowerCase()) {
    return [issue('password', 'Lösenordet får inte vara din e-postadress.', 'is_email')];
  }
  return [];
}

const options = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | null = null;
export function dummyVerify(password: string): Promise<boolean> {
  dummyHash ??= hashPassword('riktning-dummy-password-for-timing');
  return dummyHash.then((h) => verifyPassword(h, password)).then(() => false);
}
