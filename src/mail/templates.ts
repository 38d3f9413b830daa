import { regionIdentity } from '../region/activeRegion.js';
import type { UserRole } from '../domain/context.js';
import { roleNames } from '../domain/actors/policies.js';

/** A plain-text mail; Swedish first with the English text below it, since we do not know the reader's language. */
export interface MailMessage {
  subject: string;
  text: string;
}

/** Signed by the installation: the site and the region of the active region pack. */
const signature = {
  get sv() {
    return `Hälsningar\n${regionIdentity().siteName} – ${regionIdentity().nameSv}`;
  },
  get en() {
    return `Regards\n${regionIdentity().siteName} – ${regionIdentity().nameSv}`;
  },
};

/** A mail body in Swedish with the English text below it, each signed. */
export const both = (sv: string, en: string) =>
  `${sv}\n\n${signature.sv}\n\n----- In English -----\n\n${en}\n\n${signature.en}\n`;

export function invitationMail(p: {
  link: string;
  role: UserRole;
  organisation?: string | null;
  days: number;
}): MailMessage {
  const orgSv = p.organisation ? ` för ${p.organisation}` : '';
  const orgEn = p.organisation ? ` for ${p.organisation}` : '';
  return {
    subject: 'Inbjudan till Riktning / Invitation to Riktning',
    text: both(
      `Du har bjudits in till Riktning som ${roleNames[p.role].sv.toLowerCase()}${orgSv}.\n\nVälj ditt lösenord här (länken gäller i ${p.days} dagar):\n${p.link}\n\nOm du inte väntade dig den här inbjudan kan du bortse från den.`,
      `You have been invited to Riktning as ${roleNames[p.role].en.toLowerCase()}${orgEn}.\n\nChoose your password here (the link is valid for ${p.days} days):\n${p.link}\n\nIf you did not expect this invitation, you can ignore it.`,
    ),
  };
}

export function passwordResetMail(p: { link: string; minutes: number }): MailMessage {
  return {
    subject: 'Återställ ditt lösenord / Reset your password',
    text: both(
      `Någon (förhoppningsvis du) har bett om att få återställa lösenordet till ditt konto i Riktning.\n\nVälj ett nytt lösenord här (länken gäller i ${p.minutes} minuter och kan användas en gång):\n${p.link}\n\nOm det inte var du kan du bortse från det här meddelandet; ditt lösenord är oförändrat.`,
      `Someone (hopefully you) asked to reset the password of your Riktning account.\n\nChoose a new password here (the link is valid for ${p.minutes} minutes and works once):\n${p.link}\n\nIf it was not you, ignore this message; your password is unchanged.`,
    ),
  };
}

export function initiativeSubmittedMail(p: {
  title: string;
  organisation: string;
  link: string;
}): MailMessage {
  return {
    subject: `Insats att granska: ${p.title} / Initiative to review`,
    text: both(
      `${p.organisation} har skickat in insatsen "${p.title}" för godkännande.\n\nGranska den här:\n${p.link}`,
      `${p.organisation} has submitted the initiative "${p.title}" for approval.\n\nReview it here:\n${p.link}`,
    ),
  };
}

export function initiativeReturnedMail(p: {
  title: string;
  comment: string;
  link: string;
}): MailMessage {
  return {
    subject: `Insatsen behöver ändras: ${p.title} / Initiative returned`,
    text: both(
      `Insatsen "${p.title}" har returnerats med följande kommentar:\n\n${p.comment}\n\nÄndra och skicka in den igen här:\n${p.link}`,
      `The initiative "${p.title}" has been returned with this comment:\n\n${p.comment}\n\nChange it and submit it again here:\n${p.link}`,
    ),
  };
}

export function initiativePublishedMail(p: { title: string; link: string }): MailMessage {
  return {
    subject: `Insatsen är publicerad: ${p.title} / Initiative published`,
    text: both(
      `Insatsen "${p.title}" är godkänd och publicerad i Riktning:\n${p.link}`,
      `The initiative "${p.title}" has been approved and published in Riktning:\n${p.link}`,
    ),
  };
}

/** To the author of a change proposal a coordinator's edit moved onto the new version. */
export function proposalRebasedMail(p: { title: string; link: string }): MailMessage {
  return {
    subject: `Ditt ändringsförslag bygger nu på en ny version: ${p.title} / Your proposal was moved onto a new version`,
    text: both(
      `En samordnare har ändrat den publicerade insatsen "${p.title}" medan ditt ändringsförslag var öppet. Förslaget bygger nu på den nya versionen och dina ändringar är kvar; ett fält som ni båda ändrat visas sida vid sida när förslaget godkänns. Se förslaget, ändra det eller dra tillbaka det här:\n${p.link}`,
      `A coordinator changed the published initiative "${p.title}" while your change proposal was open. The proposal now builds on the new version and keeps your changes; a field you both changed is shown side by side when the proposal is approved. See, change or withdraw the proposal here:\n${p.link}`,
    ),
  };
}

export function reportReminderMail(p: {
  title: string;
  periodSv: string;
  periodEn: string;
  dueDate: string;
  daysLate: number;
  link: string;
}): MailMessage {
  const late = p.daysLate > 0;
  return {
    subject: late
      ? `Lägesrapporten är försenad: ${p.title} / Progress report overdue`
      : `Dags att lämna lägesrapport: ${p.title} / Progress report due`,
    text: both(
      `${late ? `Lägesrapporten för "${p.title}" (${p.periodSv}) skulle ha lämnats ${p.dueDate} och är ${p.daysLate} dagar försenad.` : `Lägesrapporten för "${p.title}" (${p.periodSv}) ska lämnas senast ${p.dueDate}.`}\n\nSkriv rapporten, eller meddela att inget är nytt sedan förra rapporten, här:\n${p.link}`,
      `${late ? `The progress report of "${p.title}" (${p.periodEn}) was due on ${p.dueDate} and is ${p.daysLate} days late.` : `The progress report of "${p.title}" (${p.periodEn}) is due on ${p.dueDate}.`}\n\nWrite the report, or tell us nothing is new since the last report, here:\n${p.link}`,
    ),
  };
}

export function progressReportReturnedMail(p: {
  title: string;
  comment: string;
  link: string;
}): MailMessage {
  return {
    subject: `Lägesrapporten behöver ändras: ${p.title} / Progress report returned`,
    text: both(
      `Lägesrapporten för "${p.title}" har returnerats med följande kommentar:\n\n${p.comment}\n\nÄndra och skicka in den igen här:\n${p.link}`,
      `The progress report of "${p.title}" has been returned with this comment:\n\n${p.comment}\n\nChange it and submit it again here:\n${p.link}`,
    ),
  };
}
