/**
 * The alert emails as they read: each digest's and the manager's summary's subject, HTML body and
 * plain-text body (the logic of who gets what is src/core/alerts/digest.ts). Every deal value is
 * HTML-escaped in the HTML body; subjects carry no user text but the spreadsheet's name.
 */
import type { Email, EmailContext } from '../core/alerts/digest';
import { MAX_SUMMARY_ROWS } from '../core/alerts/digest';
import { type FollowUpInfo, isFollowUp } from '../core/alerts/followups';
import type { StallInfo } from '../core/alerts/state';
import { daysInStage } from '../core/metrics/stalled';
import { formatDay } from '../core/model/dates';
import type { Team } from '../core/model/team';
import { escapeHtml, plural } from '../core/model/text';

/** The link that opens the deals sheet at a row. */
export function rowLink(ctx: EmailContext, row: number): string {
  return `${ctx.url}#gid=${ctx.sheetId}&range=A${row}`;
}

/** `12,500.5` — thousands separators, at most two decimals, no currency (the sheet's is unknown). */
export function formatAmount(amount: number | null): string {
  if (amount === null || !Number.isFinite(amount)) return '';
  const negative = amount < 0;
  const fixed = Math.abs(amount)
    .toFixed(2)
    .replace(/\.?0+$/, '');
  const [whole = '0', decimals] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${decimals ? `.${decimals}` : ''}`;
}

/** The spreadsheet's name as it may appear in a subject: one line, at most 60 characters. */
function subjectName(name: string): string {
  const line = name.replace(/[\r\n\t]+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

interface Row {
  readonly deal: string;
  readonly company: string;
  readonly owner: string;
  readonly stage: string;
  readonly days: string;
  readonly amount: string;
  readonly nextStep: string;
  readonly since: string;
  readonly link: string;
}

/** Cell text as it may appear in an email: at most `TEXT_LIMIT` characters. */
export const TEXT_LIMIT = 200;
function clip(text: string): string {
  return text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT - 1)}…` : text;
}

function rowOf(s: StallInfo, ctx: EmailContext): Row {
  const days = daysInStage(s.deal, ctx.today);
  const limit = s.deal.stage?.stalledAfter;
  return {
    deal: clip(s.deal.name || s.deal.id || `Row ${s.deal.row}`),
    company: clip(s.deal.company),
    owner: clip(s.deal.owner),
    stage: clip(s.deal.stage?.name ?? s.deal.stageText),
    days: `${days === null ? '?' : days} / ${limit ?? '?'}`,
    amount: formatAmount(s.deal.amount),
    nextStep: clip(s.deal.nextStep),
    since: formatDay(s.since),
    link: rowLink(ctx, s.deal.row),
  };
}

const HEAD = ['Deal', 'Company', 'Stage', 'Days in stage / limit', 'Amount', 'Next step', 'Stalled since'];
const CELL = 'style="border:1px solid #ddd;padding:4px 8px;text-align:left"';

function htmlTable(rows: readonly Row[]): string {
  const head = HEAD.map((h) => `<th ${CELL}>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr><td ${CELL}><a href="${escapeHtml(r.link)}">${escapeHtml(r.deal)}</a></td>` +
        [r.company, r.stage, r.days, r.amount, r.nextStep, r.since]
          .map((v) => `<td ${CELL}>${escapeHtml(v)}</td>`)
          .join('') +
        '</tr>',
    )
    .join('\n');
  return `<table style="border-collapse:collapse">\n<tr>${head}</tr>\n${body}\n</table>`;
}

function textList(rows: readonly Row[]): string {
  return rows
    .map((r) => {
      const lines = [
        `- ${r.deal}${r.company ? ` (${r.company})` : ''}`,
        `  Stage: ${r.stage}, days in stage / limit: ${r.days}${r.amount ? `, amount: ${r.amount}` : ''}`,
      ];
      if (r.nextStep) lines.push(`  Next step: ${r.nextStep}`);
      lines.push(`  Stalled since ${r.since}: ${r.link}`);
      return lines.join('\n');
    })
    .join('\n');
}

function wrapHtml(parts: readonly string[]): string {
  return `<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222">\n${parts.join('\n')}\n</div>`;
}

const FOOTER_TEXT =
  'Sent by Sheets Pipeline. A deal is stalled when it has stayed in its stage (with no activity) ' +
  'longer than the stage allows; snooze it or log an activity to clear the flag. ' +
  'Alerts are set in Pipeline > Alerts > Alert settings.';

/** Follow-up rows: what is due and since when. */
interface FollowRow {
  readonly deal: string;
  readonly company: string;
  readonly stage: string;
  readonly problem: string;
  readonly date: string;
  readonly late: string;
  readonly amount: string;
  readonly nextStep: string;
  readonly link: string;
}

function followRowOf(f: FollowUpInfo, ctx: EmailContext): FollowRow {
  const days = ctx.today - f.since;
  return {
    deal: f.deal.name || f.deal.id || `Row ${f.deal.row}`,
    company: f.deal.company,
    stage: f.deal.stage?.name ?? f.deal.stageText,
    problem: f.problem,
    date: formatDay(f.since),
    late: days <= 0 ? 'today' : `${plural(days, 'day')} ago`,
    amount: formatAmount(f.deal.amount),
    nextStep: f.deal.nextStep,
    link: rowLink(ctx, f.deal.row),
  };
}

const FOLLOW_HEAD = ['Deal', 'Company', 'Stage', 'Follow-up', 'Date', 'Due', 'Amount', 'Next step'];

function followHtmlTable(rows: readonly FollowRow[]): string {
  const head = FOLLOW_HEAD.map((h) => `<th ${CELL}>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr><td ${CELL}><a href="${escapeHtml(r.link)}">${escapeHtml(r.deal)}</a></td>` +
        [r.company, r.stage, r.problem, r.date, r.late, r.amount, r.nextStep]
          .map((v) => `<td ${CELL}>${escapeHtml(v)}</td>`)
          .join('') +
        '</tr>',
    )
    .join('\n');
  return `<table style="border-collapse:collapse">\n<tr>${head}</tr>\n${body}\n</table>`;
}

function followTextList(rows: readonly FollowRow[]): string {
  return rows
    .map((r) => {
      const lines = [`- ${r.deal}${r.company ? ` (${r.company})` : ''}`];
      lines.push(
        `  ${r.problem}: ${r.date} (${r.late}), stage: ${r.stage}${r.amount ? `, amount: ${r.amount}` : ''}`,
      );
      if (r.nextStep) lines.push(`  Next step: ${r.nextStep}`);
      lines.push(`  ${r.link}`);
      return lines.join('\n');
    })
    .join('\n');
}

/** "3 follow-ups (2 next steps due, 1 close date passed)". */
function followCounts(items: readonly FollowUpInfo[]): string {
  const next = items.filter((f) => f.problem === 'Next step due').length;
  const close = items.length - next;
  const parts: string[] = [];
  if (next > 0) parts.push(plural(next, 'next step due', 'next steps due'));
  if (close > 0) parts.push(plural(close, 'close date passed', 'close dates passed'));
  return `${plural(items.length, 'follow-up')}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

const FOLLOW_FOOTER =
  'A follow-up is a deal whose Next Step Date is today or past, or whose Expected Close has passed ' +
  'while it is still open; each is told once, and again only after its date changes.';

/**
 * An owner's digest: newly stalled deals, then follow-ups due (`lines` may hold both; `more`:
 * further ones counted, not listed). With stalls only it reads as it always did.
 */
export function ownerDigestEmail(lines: readonly StallInfo[], more: number, ctx: EmailContext): Email {
  const stalls = lines.filter((s) => !isFollowUp(s));
  const follows = lines.filter(isFollowUp);
  const name = subjectName(ctx.spreadsheetName);
  const where = name || 'your pipeline';
  const rows = stalls.map((s) => rowOf(s, ctx));
  const text: string[] = [];
  const html: string[] = [];
  let subject: string;
  if (follows.length === 0) {
    const total = stalls.length + more;
    subject = `${plural(total, 'deal')} stalled in ${where}`;
    const intro = `${total} of your deals in ${name || 'the pipeline'} ${total === 1 ? 'has' : 'have'} stalled:`;
    text.push(intro, '', textList(rows));
    html.push(`<p>${escapeHtml(intro)}</p>`, htmlTable(rows));
  } else {
    subject =
      stalls.length > 0
        ? `${plural(stalls.length, 'deal')} stalled, ${plural(follows.length, 'follow-up')} due in ${where}`
        : `${plural(follows.length, 'follow-up')} due in ${where}`;
    if (stalls.length > 0) {
      const intro = `${stalls.length} of your deals in ${name || 'the pipeline'} ${stalls.length === 1 ? 'has' : 'have'} stalled:`;
      text.push(intro, '', textList(rows), '');
      html.push(`<p>${escapeHtml(intro)}</p>`, htmlTable(rows));
    }
    const intro = `Follow-ups due today or overdue: ${followCounts(follows)}.`;
    const followRows = follows.map((f) => followRowOf(f, ctx));
    text.push(intro, '', followTextList(followRows));
    html.push(`<p>${escapeHtml(intro)}</p>`, followHtmlTable(followRows));
  }
  const moreText =
    more <= 0
      ? ''
      : follows.length === 0
        ? `...and ${plural(more, 'more stalled deal')}: see the `
        : `...and ${more} more: see the `;
  const moreLink =
    follows.length === 0
      ? 'Stalled Since column of the sheet'
      : 'Stalled Since, Next Step Date and Expected Close columns of the sheet';
  const footer = follows.length === 0 ? FOOTER_TEXT : `${FOOTER_TEXT} ${FOLLOW_FOOTER}`;
  text.push(moreText ? `${moreText}${moreLink}.` : '', '', footer);
  html.push(
    moreText
      ? `<p>${escapeHtml(moreText)}<a href="${escapeHtml(ctx.url)}">${escapeHtml(moreLink)}</a>.</p>`
      : '',
    `<p><a href="${escapeHtml(ctx.url)}">Open the pipeline</a></p>`,
    `<p style="color:#777;font-size:12px">${escapeHtml(footer)}</p>`,
  );
  return { subject, html: wrapHtml(html), text: text.join('\n').replace(/\n{3,}/g, '\n\n') };
}

interface OwnerGroup {
  readonly owner: string;
  readonly address: string | null;
  readonly stalls: StallInfo[];
}

function byOwner(stalls: readonly StallInfo[], team: Team): OwnerGroup[] {
  const groups = new Map<string, OwnerGroup>();
  for (const s of stalls) {
    const address = team.emailOf(s.deal.owner);
    const key = (address ?? s.deal.owner).trim().toLowerCase();
    let g = groups.get(key);
    if (!g) {
      g = { owner: s.deal.owner, address, stalls: [] };
      groups.set(key, g);
    }
    g.stalls.push(s);
  }
  return [...groups.values()].sort((a, b) => a.owner.localeCompare(b.owner));
}

function ownerLabel(g: OwnerGroup): string {
  const name = g.owner || '(no owner)';
  if (g.address === null) return `${name}: no email address (add the owner to the Team sheet)`;
  return g.address.toLowerCase() === g.owner.trim().toLowerCase() ? name : `${name} <${g.address}>`;
}

/**
 * The manager's summary: the newly stalled deals by owner (those whose owner has no address
 * are marked), then every stalled deal by owner, most days stalled first (at most
 * `MAX_SUMMARY_ROWS` rows; the rest are counted per owner).
 */
export function managerSummaryEmail(
  lines: readonly StallInfo[],
  more: number,
  all: readonly StallInfo[],
  team: Team,
  ctx: EmailContext,
  maxRows = MAX_SUMMARY_ROWS,
  allFollowUps: readonly FollowUpInfo[] = [],
): Email {
  const fresh = lines.filter((s) => !isFollowUp(s));
  const freshFollows = lines.filter(isFollowUp);
  const name = subjectName(ctx.spreadsheetName);
  const newCount = fresh.length + more;
  const follow = freshFollows.length > 0 ? `, ${plural(freshFollows.length, 'follow-up')} due` : '';
  const subject = `Pipeline summary: ${plural(newCount, 'deal')} newly stalled, ${all.length} stalled in all${follow}${name ? ` in ${name}` : ''}`;
  const html: string[] = [];
  const text: string[] = [];
  const intro = `${plural(newCount, 'deal')} stalled since the last summary; ${all.length} ${all.length === 1 ? 'deal is' : 'deals are'} stalled in all.`;
  html.push(`<p>${escapeHtml(intro)}</p>`);
  text.push(intro, '');
  if (freshFollows.length > 0 || allFollowUps.length > 0) {
    const counts =
      `Follow-ups: ${followCounts(freshFollows)} newly told to their owners; ` +
      `${followCounts(allFollowUps)} due or overdue in all.`;
    html.push(`<p>${escapeHtml(counts)}</p>`);
    text.push(counts, '');
  }
  html.push('<h3>Newly stalled</h3>');
  text.push('NEWLY STALLED', '');
  for (const g of byOwner(fresh, team)) {
    const rows = g.stalls.map((s) => rowOf(s, ctx));
    html.push(`<h4>${escapeHtml(ownerLabel(g))}</h4>`, htmlTable(rows));
    text.push(`${ownerLabel(g)}:`, textList(rows), '');
  }
  if (more > 0) {
    const line = `...and ${plural(more, 'more newly stalled deal')}.`;
    html.push(`<p>${escapeHtml(line)}</p>`);
    text.push(line, '');
  }
  html.push('<h3>Every stalled deal, by owner</h3>');
  text.push('EVERY STALLED DEAL, BY OWNER', '');
  let budget = maxRows;
  for (const g of byOwner(all, team)) {
    const sorted = [...g.stalls].sort((a, b) => a.since - b.since || a.deal.row - b.deal.row);
    const shown = sorted.slice(0, Math.max(0, budget));
    budget -= shown.length;
    const heading = `${ownerLabel(g)} (${g.stalls.length} stalled)`;
    const rows = shown.map((s) => rowOf(s, ctx));
    html.push(`<h4>${escapeHtml(heading)}</h4>`);
    text.push(`${heading}:`);
    if (rows.length > 0) {
      html.push(htmlTable(rows));
      text.push(textList(rows));
    }
    if (shown.length < sorted.length) {
      const line = `...and ${sorted.length - shown.length} more: see the Stalled Since column.`;
      html.push(`<p>${escapeHtml(line)}</p>`);
      text.push(line);
    }
    text.push('');
  }
  html.push(`<p><a href="${escapeHtml(ctx.url)}">Open the pipeline</a></p>`);
  html.push(`<p style="color:#777;font-size:12px">${escapeHtml(FOOTER_TEXT)}</p>`);
  text.push(FOOTER_TEXT);
  return { subject, html: wrapHtml(html), text: text.join('\n').replace(/\n{3,}/g, '\n\n') };
}
