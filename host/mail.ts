/**
 * MailApp: sends into `world.mail.outbox`, with a per-user daily recipient quota
 * (default 100) that resets at midnight (script time zone) on the world clock.
 */
import { gasError, SCOPES } from './errors';
import { type Bound, type Execution, instrument } from './exec';
import { dayKey } from './tz';

export interface SentMail {
  from: string;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply: boolean;
  at: number;
  /** to + cc + bcc, split and trimmed. */
  recipients: string[];
}

export const QUOTA_MESSAGE = 'Service invoked too many times for one day: email.';

/**
 * Google's Quotas page, Current limitations: "Email body size | 200 KB / message" for consumer
 * accounts (400 KB on Workspace). The host takes the conservative reading: the plain body and
 * the HTML body together, in UTF-8 bytes, at most 200,000.
 */
export const BODY_LIMIT_BYTES = 200_000;
export const BODY_LIMIT_MESSAGE = 'Limit Exceeded: Email Body Size.';

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** World-side mail state. */
export class MailStore {
  readonly outbox: SentMail[] = [];
  /** Recipients per user per day; change with `setDailyQuota`. */
  dailyQuota = 100;
  private readonly used = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly timeZone: () => string,
  ) {}

  setDailyQuota(n: number): void {
    this.dailyQuota = n;
  }

  remaining(user: string): number {
    return Math.max(0, this.dailyQuota - (this.used.get(this.key(user)) ?? 0));
  }

  /** Internal: charge the quota. */
  use(user: string, n: number): void {
    const key = this.key(user);
    this.used.set(key, (this.used.get(key) ?? 0) + n);
  }

  /** Mails sent to an address (case-insensitive; to, cc or bcc). */
  to(address: string): SentMail[] {
    const a = address.toLowerCase();
    return this.outbox.filter((m) => m.recipients.some((r) => r.toLowerCase() === a));
  }

  clear(): void {
    this.outbox.length = 0;
  }

  private key(user: string): string {
    return `${user}|${dayKey(this.now(), this.timeZone())}`;
  }
}

interface MailOptions {
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
}

const EMAIL_RE = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

function splitAddresses(list: unknown): string[] {
  if (list === undefined || list === null || list === '') return [];
  return String(list)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function asOptions(value: unknown): MailOptions {
  return typeof value === 'object' && value !== null ? (value as MailOptions) : {};
}

export class MailAppFake implements Bound {
  constructor(readonly exec: Execution) {}

  /**
   * sendEmail(recipient, subject, body[, options]) | sendEmail(message) |
   * sendEmail(recipient, replyTo, subject, body).
   */
  sendEmail(...args: unknown[]): void {
    let message: MailOptions;
    if (args.length === 1) message = asOptions(args[0]);
    else if (args.length === 4 && typeof args[3] === 'string') {
      message = { to: String(args[0]), replyTo: String(args[1]), subject: String(args[2]), body: args[3] };
    } else {
      message = {
        ...asOptions(args[3]),
        to: String(args[0] ?? ''),
        subject: String(args[1] ?? ''),
        body: String(args[2] ?? ''),
      };
    }
    const to = splitAddresses(message.to);
    const cc = splitAddresses(message.cc);
    const bcc = splitAddresses(message.bcc);
    const recipients = [...to, ...cc, ...bcc];
    if (recipients.length === 0) throw gasError('Failed to send email: no recipient');
    for (const r of recipients) if (!EMAIL_RE.test(r)) throw gasError(`Invalid email: ${r}`);
    if (message.subject === undefined) throw gasError('Invalid argument: subject');
    if (String(message.subject).length > 250) throw gasError('Argument too large: subject');
    const bodyBytes = utf8Bytes(String(message.body ?? '')) + utf8Bytes(String(message.htmlBody ?? ''));
    if (bodyBytes > BODY_LIMIT_BYTES) throw gasError(BODY_LIMIT_MESSAGE);
    const world = this.exec.world;
    if (world.mail.remaining(this.exec.user) < recipients.length) throw gasError(QUOTA_MESSAGE);
    world.mail.use(this.exec.user, recipients.length);
    const sent: SentMail = {
      from: this.exec.user,
      to: to.join(','),
      cc: cc.join(','),
      bcc: bcc.join(','),
      subject: String(message.subject),
      body: String(message.body ?? ''),
      noReply: message.noReply === true,
      at: world.clock.now(),
      recipients,
    };
    if (message.htmlBody !== undefined) sent.htmlBody = String(message.htmlBody);
    if (message.name !== undefined) sent.name = String(message.name);
    if (message.replyTo !== undefined) sent.replyTo = String(message.replyTo);
    world.mail.outbox.push(sent);
  }

  getRemainingDailyQuota(): number {
    return this.exec.world.mail.remaining(this.exec.user);
  }
}

instrument(MailAppFake, 'MailApp', { fallback: 'auth', scope: SCOPES.mail, messageStyle: 'qualified' });
