import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const base = {
  OIDC_ISSUER: 'https://login.example.se',
  OIDC_CLIENT_ID: 'riktning',
  OIDC_CLIENT_SECRET: 'a-client-secret-of-more-than-thirty-two-characters',
};

describe('OpenID Connect configuration', () => {
  it('is off without OIDC_ISSUER', () => {
    expect(loadConfig({}).oidc).toBeNull();
  });

  it('reads the provider, the button label and the organisation rules', () => {
    const c = loadConfig({
      ...base,
      OIDC_NAME: 'Freja eID',
      OIDC_EMAIL_DOMAINS: 'Kalmar.se=kalmar-kommun, regionkalmar.se=region-kalmar-lan',
    }).oidc;
    expect(c).toMatchObject({
      issuer: 'https://login.example.se',
      clientId: 'riktning',
      name: 'Freja eID',
      stateSecret: base.OIDC_CLIENT_SECRET,
      emailDomains: { 'kalmar.se': 'kalmar-kommun', 'regionkalmar.se': 'region-kalmar-lan' },
      organisationClaim: null,
      defaultRole: 'aktor',
      trustEmail: false,
    });
  });

  it('names what is missing: client id, a signing secret, a rule for new users', () => {
    try {
      loadConfig({ OIDC_ISSUER: 'https://login.example.se' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.map((p) => p.variable).sort()).toEqual([
        'OIDC_CLIENT_ID',
        'OIDC_EMAIL_DOMAINS',
        'OIDC_STATE_SECRET',
      ]);
    }
  });

  it('refuses malformed domain rules and a role above actor', () => {
    expect(() => loadConfig({ ...base, OIDC_EMAIL_DOMAINS: 'kalmar.se' })).toThrow(
      /OIDC_EMAIL_DOMAINS/,
    );
    expect(() =>
      loadConfig({ ...base, OIDC_EMAIL_DOMAINS: 'a.se=a', OIDC_DEFAULT_ROLE: 'admin' }),
    ).toThrow(/OIDC_DEFAULT_ROLE/);
  });
});
