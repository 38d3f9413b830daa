import type { SecondFactorMessages } from './secondFactor.sv.js';

/** Messages of the second factor: the sign-in step, enrolment and the account page, English. */
export const secondFactorEn: SecondFactorMessages = {
  stepTitle: 'Confirm that it is you',
  stepIntro:
    'The password is right. Now enter the six-digit code from your authenticator app, or one of your recovery codes.',
  codeLabel: 'Code from the app or recovery code',
  codeHint: 'Six digits from the app, or a recovery code such as k7dp-3mxa-q9rt.',
  verifyButton: 'Sign in',
  wrongCode: 'The code is wrong or has already been used. Try the next code from the app.',
  tooManyWrong: 'Too many wrong codes. Sign in with your password again to try once more.',
  rateLimited: (time: string) =>
    `Too many wrong codes for this account. Try again after ${time} (Swedish time).`,
  expired: 'The sign-in has expired. Sign in with your password again.',
  cancel: 'Cancel sign-in',
  passkeyHeading: 'With a passkey',
  passkeyButton: 'Sign in with a passkey',
  passkeyFailed: 'The passkey could not be used. Use the code from the app instead.',
  enrolTitle: 'Protect your account with a second step',
  enrolRequired:
    'Administrators and coordinators must use a second step when they sign in with a password. Set it up now; it takes a minute.',
  enrolOptional:
    'With a second step, your password alone is not enough for someone else: signing in also needs a code from your phone.',
  enrolStep1:
    'Open an authenticator app (for example Aegis, FreeOTP, Google Authenticator or Microsoft Authenticator) and add an account.',
  enrolStep2:
    'Type the key below by hand (time-based, six digits), or open the link on your phone.',
  enrolStep3: 'Enter the code the app shows to confirm.',
  secretLabel: 'Key to type in',
  uriLabel: 'Link for the app (otpauth)',
  secretOnce: 'The key is shown only while you set up the app. It is never shown again.',
  confirmLabel: 'Code from the app',
  confirmButton: 'Confirm and turn on',
  confirmFailed:
    "The code is wrong. Check that the phone's clock is right and enter the code shown now.",
  codesTitle: 'Your recovery codes',
  codesIntro:
    'Keep these codes somewhere safe, for example in a password manager or printed. Each code works once, for when you do not have your phone. They are shown only now.',
  codesContinue: 'I have saved the codes – continue',
  accountLink: 'Two-step verification',
  accountTitle: 'Two-step verification',
  accountRequired: 'Your role requires two-step verification when you sign in with a password.',
  accountSso:
    'You sign in with single sign-on; the second step is handled there. A second step here applies to password sign-in only.',
  appHeading: 'Authenticator app',
  appOn: 'On.',
  appOff: 'Not set up.',
  appSetUp: 'Set up an authenticator app',
  appRemove: 'Turn off the authenticator app',
  appRemoveHint: 'To turn the app off: enter a code from it, or a recovery code.',
  appRemoveRefused:
    'The app cannot be turned off: your role requires a second step and you have no passkey registered.',
  appRemoved: 'The authenticator app is turned off.',
  codesHeading: 'Recovery codes',
  codesLeft: (n: number) => `${n} of 10 unused.`,
  codesNone: 'You have no recovery codes. Create new ones.',
  codesRegenerate: 'Create new recovery codes',
  codesRegenerateHint: 'The old codes stop working.',
  codesNeedFactor: 'Recovery codes are created once you have set up a second step.',
  passkeysHeading: 'Passkeys',
  passkeysIntro:
    'A key in your phone, computer or a security key. Works in browsers that support it; otherwise the app is used.',
  passkeysNone: 'No passkeys registered.',
  passkeysCaption: 'Registered passkeys',
  passkeyName: 'Name',
  passkeyCreated: 'Registered',
  passkeyLastUsed: 'Last used',
  passkeyNever: 'Never',
  passkeyAdd: 'Register a passkey',
  passkeyAddName: 'Name of the passkey',
  passkeyNeedsScript:
    'Registering a passkey needs JavaScript and a browser that supports passkeys.',
  passkeyNotConfigured:
    "Passkeys can be used once the service's public address is set (RIKTNING_PUBLIC_URL).",
  passkeyRemove: 'Remove',
  passkeyRemoveLabel: (name: string) => `Remove the passkey ${name}`,
  passkeyAdded: 'The passkey is registered.',
  passkeyRemoved: 'The passkey is removed.',
  passkeyRegisterFailed: 'The passkey could not be registered. Try again.',
  notices: {
    app: 'The authenticator app is on.',
    borttagen: 'The authenticator app is turned off.',
    nyckel: 'The passkey is registered.',
    nyckelborttagen: 'The passkey is removed.',
  },
};
