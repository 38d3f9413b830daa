import { both, type MailMessage } from './templates.js';

/** The invitation to an organisation's members to respond to a consultation (remiss). */
export function consultationInvitationMail(p: {
  organisation: string;
  titleSv: string;
  titleEn: string;
  opensOn: string;
  closesOn: string;
  link: string;
}): MailMessage {
  return {
    subject: `Remiss: ${p.titleSv} / Consultation`,
    text: both(
      `${p.organisation} är inbjuden att lämna remissvar på "${p.titleSv}".\n\nSamrådet pågår ${p.opensOn} – ${p.closesOn}. Svaret är organisationens eget tills det skickas in; då blir det en allmän handling som visas på webbplatsen.\n\nSkriv och skicka in svaret här (logga in med ditt konto):\n${p.link}`,
      `${p.organisation} is invited to respond to "${p.titleEn || p.titleSv}".\n\nThe consultation runs ${p.opensOn} – ${p.closesOn}. The response is your organisation's own until submitted; it then becomes a public record shown on the website.\n\nWrite and submit the response here (sign in with your account):\n${p.link}`,
    ),
  };
}

/** The link that confirms the email address of a comment in the open dialogue. */
export function commentVerificationMail(p: {
  displayName: string;
  titleSv: string;
  link: string;
  days: number;
}): MailMessage {
  return {
    subject: 'Bekräfta din kommentar / Confirm your comment',
    text: both(
      `Tack för din kommentar i samrådet "${p.titleSv}", skriven som "${p.displayName}".\n\nBekräfta att e-postadressen är din genom att öppna länken (den gäller i ${p.days} dagar):\n${p.link}\n\nDärefter läser en moderator kommentaren innan den publiceras. Din e-postadress visas aldrig och tas bort när samrådet är sammanställt.\n\nOm det inte var du kan du bortse från meddelandet; kommentaren publiceras då inte.`,
      `Thank you for your comment in the consultation "${p.titleSv}", written as "${p.displayName}".\n\nConfirm that the email address is yours by opening the link (valid for ${p.days} days):\n${p.link}\n\nA moderator then reads the comment before it is published. Your email address is never shown and is erased when the consultation is compiled.\n\nIf it was not you, ignore this message; the comment will not be published.`,
    ),
  };
}
