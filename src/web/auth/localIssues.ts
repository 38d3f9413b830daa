import type { Issue } from '../../domain/result.js';
import { WEB_ADDRESS_MESSAGE_EN } from '../../domain/text/webAddress.js';
import type { Locale } from '../i18n/index.js';

/**
 * English wording of the field issues the accounts commands return in Swedish, keyed by field
 * and code (the stable part); an issue without an entry keeps its Swedish text.
 */
const english: Record<string, string> = {
  'email:taken': 'There is already an account with that email address.',
  'email:unknown': 'There is no user with that email address. Invite the person instead.',
  'email:exists': 'The user is already a member of the organisation.',
  'email:invalid_format': 'Enter a valid email address.',
  'role:invalid_role': 'Choose one of the roles in the list.',
  'role:invalid_value': 'Choose one of the roles in the list.',
  'role:self': 'You cannot remove your own administrator role.',
  'user:self': 'You cannot disable your own account.',
  'org:unknown': 'The organisation does not exist.',
  'password:too_short': 'The password must have at least 12 characters.',
  'password:too_long': 'The password may have at most 256 characters.',
  'password:common':
    'The password is too common and easy to guess. Choose another, preferably a phrase of several words.',
  'password:is_email': 'The password must not be your email address.',
  'slug:taken': 'The short address is already used by another organisation.',
  'slug:invalid_format': 'Use lower-case letters a–z, digits and hyphens.',
  'name:too_small': "Enter the organisation's name.",
  'name:too_big': 'At most 200 characters.',
  'kind:invalid_value': 'Choose a type of organisation.',
  'orgNumber:taken': 'An organisation with that number already exists.',
  'orgNumber:custom':
    'The organisation number must have ten digits with a correct check digit, for example 556677-8899.',
  'municipalityCode:invalid_format': 'Enter the municipality code with four digits.',
  'municipalityCode:unknown': 'The municipality is not in the register.',
  'website:invalid_format': WEB_ADDRESS_MESSAGE_EN,
};

export function localIssues(locale: Locale, issues: Issue[]): Issue[] {
  if (locale === 'sv') return issues;
  return issues.map((i) => ({
    ...i,
    message: english[`${i.field}:${i.code}`] ?? i.en ?? i.message,
  }));
}
