import { describe, expect, it } from 'vitest';
import {
  hashRecoveryCode,
  isRecoveryCodeShaped,
  newRecoveryCode,
  normaliseRecoveryCode,
  RECOVERY_CODE_COUNT,
} from './recoveryCodes.js';
import { checkTotp, newTotpSecret, totpCode, totpStep, totpUri, TOTP_PERIOD_S } from './totp.js';

/** RFC 6238, appendix B: the SHA-1 key is the ASCII of "12345678901234567890". */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const at = (seconds: number) => new Date(seconds * 1000);
const step = TOTP_PERIOD_S;

describe('TOTP (RFC 6238)', () => {
  it('gives the RFC test vectors (last six digits) and accepts them', () => {
    const vectors: [number, string][] = [
      [59, '287082'],
      [1111111109, '081804'],
      [1111111111, '050471'],
      [1234567890, '005924'],
      [2000000000, '279037'],
    ];
    for (const [seconds, code] of vectors) {
      expect(totpCode(RFC_SECRET, at(seconds))).toBe(code);
      expect(checkTotp(RFC_SECRET, code, at(seconds), null)).toBe(Math.floor(seconds / step));
    }
  });

  it('accepts a code one step early or late, and refuses two steps off', () => {
    const now = at(1_800_000_000);
    const code = totpCode(RFC_SECRET, now);
    expect(checkTotp(RFC_SECRET, code, at(1_800_000_000 + step), null)).toBe(totpStep(now));
    expect(checkTotp(RFC_SECRET, code, at(1_800_000_000 - step), null)).toBe(totpStep(now));
    expect(checkTotp(RFC_SECRET, code, at(1_800_000_000 + 2 * step), null)).toBeNull();
    expect(checkTotp(RFC_SECRET, code, at(1_800_000_000 - 2 * step), null)).toBeNull();
  });

  it('refuses a code whose step was already used, and any earlier step', () => {
    const now = at(1_800_000_000);
    const code = totpCode(RFC_SECRET, now);
    const used = checkTotp(RFC_SECRET, code, now, null);
    expect(used).toBe(totpStep(now));
    expect(checkTotp(RFC_SECRET, code, now, used)).toBeNull();
    const earlier = totpCode(RFC_SECRET, at(1_800_000_000 - step));
    expect(checkTotp(RFC_SECRET, earlier, now, used)).toBeNull();
    const next = totpCode(RFC_SECRET, at(1_800_000_000 + step));
    expect(checkTotp(RFC_SECRET, next, at(1_800_000_000 + step), used)).toBe(used! + 1);
  });

  it('refuses wrong, malformed and empty codes, and takes spaces inside a code', () => {
    const now = at(1_800_000_000);
    const code = totpCode(RFC_SECRET, now);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(checkTotp(RFC_SECRET, wrong, now, null)).toBeNull();
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`, ' ']) {
      expect(checkTotp(RFC_SECRET, bad, now, null)).toBeNull();
    }
    expect(checkTotp(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).not.toBeNull();
  });

  it('makes 160-bit base32 secrets and an otpauth URI with issuer, account and parameters', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, 'samordnare@example.se'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Riktning:samordnare@example.se');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Riktning');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });
});

describe('recovery codes', () => {
  it('are three groups of four unambiguous characters, different each time', () => {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT * 10 }, newRecoveryCode);
    for (const c of codes) {
      expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(c).not.toMatch(/[01ilo]/);
      expect(isRecoveryCodeShaped(c)).toBe(true);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('hash the same however they are typed, and differently from each other', () => {
    const c = 'k7dp-3mxa-q9rt';
    expect(normaliseRecoveryCode(' K7DP 3MXA-Q9RT ')).toBe('k7dp3mxaq9rt');
    expect(hashRecoveryCode('K7DP3MXAQ9RT')).toBe(hashRecoveryCode(c));
    expect(hashRecoveryCode(c)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(c)).not.toBe(hashRecoveryCode('k7dp-3mxa-q9rs'));
  });

  it('are told apart from TOTP codes and garbage', () => {
    expect(isRecoveryCodeShaped('123456')).toBe(false);
    expect(isRecoveryCodeShaped('')).toBe(false);
    expect(isRecoveryCodeShaped('k7dp-3mxa-q9r')).toBe(false);
    expect(isRecoveryCodeShaped('k7dp-3mxa-q9r0')).toBe(false);
    expect(isRecoveryCodeShaped('<script>-x')).toBe(false);
  });
});
