import type { adminSv } from './admin.sv.js';

/** English messages of the sign-in pages and the admin area; the same keys as admin.sv.ts. */
export const adminEn: typeof adminSv = {
  signInTitle: 'Sign in',
  signInIntro: "Sign in to register and follow up your organisation's initiatives.",
  email: 'Email address',
  password: 'Password',
  signInButton: 'Sign in',
  signInFailed: 'Wrong email address or password.',
  rateLimited: (time: string) =>
    `Too many failed sign-ins. For your security, you can try again at ${time}.`,
  forgotLink: 'Forgotten your password?',
  signOut: 'Sign out',
  signOutEverywhere: 'Sign out on all devices',
  signedOut: 'You are signed out.',
  sessionExpired: 'You need to sign in to see the page.',
  forgotTitle: 'Forgotten password',
  forgotIntro:
    'Enter the email address of your account and we will send a link where you can choose a new password.',
  forgotButton: 'Send link',
  forgotSent:
    'If there is an account with that address, we have sent a link. It is valid for one hour.',
  resetTitle: 'Choose a new password',
  newPassword: 'New password',
  passwordHint:
    'At least 12 characters. A phrase of several words is easy to remember and hard to guess.',
  resetButton: 'Save the password',
  resetDone: 'Your password has been changed. Sign in with the new password.',
  linkInvalidTitle: 'The link is not valid',
  linkInvalid:
    'The link is wrong, already used or too old. Ask for a new link or contact the person who invited you.',
  inviteTitle: 'Welcome to Riktning',
  inviteIntro: (email: string) => `Choose a password for the account ${email}.`,
  name: 'Name',
  inviteButton: 'Create the account',
  formErrors: 'Please correct the following',
  adminNav: 'Administration',
  navDashboard: 'Overview',
  navInitiatives: 'Initiatives',
  navNewInitiative: 'Register initiative',
  navAccount: 'My account',
  dashboardTitle: 'Overview',
  myDrafts: "My organisation's drafts and returned initiatives",
  waiting: 'Waiting for approval',
  nothing: 'None at the moment.',
  initiativesTitle: 'Initiatives',
  newInitiativeTitle: 'Register initiative',
  accountTitle: 'My account',
  signedInAs: 'Signed in as',
  role: 'Role',
};
