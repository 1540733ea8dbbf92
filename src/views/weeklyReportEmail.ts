/**
 * The weekly pipeline report email (SPEC §4): subject, HTML and plain text from the report's
 * data. Every value from the sheet is HTML-escaped; every figure links to the rows behind it
 * (`…#gid=<sheet>&range=A5`, as the digests do). `listed` caps the deals shown per section
 * (the rest are counted, with a link), so `fitEmail` can keep it under the body limit.
 */
import type { Email } from '../core/alerts/digest';
import type { ChangeKind } from '../core/metrics/changes';
import { formatDay } from '../core/model/dates';
import { escapeHtml } from '../core/model/text';
import { HEADLINE_KEYS, type ListedDeal, type WeeklyReport } from '../core/report/weekly';
import { formatAmount } from './digestEmails';

export interface ReportLinks {
  readonly spreadsheetName: string;
  readonly url: string;
  /** gid of the deals sheet and of Snapshots. */
  readonly dealsGid: number;
  readonly snapshotsGid: number | null;
}

const LABELS: Record<(typeof HEADLINE_KEYS)[number], string> = {
  openValue: 'Open value',
  weightedValue: 'Weighted value',
  winRate: 'Win rate',
  velocity: 'Velocity (per day)',
};

/** What each waterfall row means, for the reader. */
const MEANING: Record<ChangeKind, string> = {
  Start: 'open at the previous snapshot',
  New: 'open now, not then',
  Increased: 'amounts raised, by how much',
  Decreased: 'amounts cut, by how much',
  Won: 'won since (amount then)',
  Lost: 'lost since (amount then)',
  Removed: 'no longer in the sheet',
  End: 'open now',
  Slipped: 'expected close moved later',
  'Pulled In': 'expected close moved earlier',
};
const SIGN: Partial<Record<ChangeKind, string>> = {
  New: '+',
  Increased: '+',
  Decreased: '−',
  Won: '−',
  Lost: '−',
  Removed: '−',
};

function clip(text: string): string {
  const line = text.replace(/[\r\n\t]+/g, ' ');
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** A link to rows of a sheet: one row `A5`, several `A5:A9` (first to last). */
export function rowsLink(links: ReportLinks, gid: number, rows: readonly number[]): string {
  if (rows.length === 0) return `${links.url}#gid=${gid}`;
  let min = rows[0]!;
  let max = rows[0]!;
  for (const r of rows) {
    if (r < min) min = r;
    if (r > max) max = r;
  }
  return `${links.url}#gid=${gid}&range=${min === max ? `A${min}` : `A${min}:A${max}`}`;
}

function dealLink(links: ReportLinks, d: ListedDeal): string {
  if (d.row !== null) return rowsLink(links, links.dealsGid, [d.row]);
  if (d.snapshotRow && links.snapshotsGid !== null)
    return rowsLink(links, links.snapshotsGid, [d.snapshotRow]);
  return rowsLink(links, links.dealsGid, []);
}

function figure(key: (typeof HEADLINE_KEYS)[number], value: number | null): string {
  if (value === null) return '—';
  if (key === 'winRate') return `${(value * 100).toFixed(1).replace(/\.0$/, '')}%`;
  return formatAmount(Math.round(value * 100) / 100);
}

/** `+1,200 (+4.5%)`, `no change`, or '' without a previous report. */
export function changeText(
  key: (typeof HEADLINE_KEYS)[number],
  now: number | null,
  before: number | null,
): string {
  if (now === null || before === null) return '';
  const diff = now - before;
  if (Math.abs(diff) < 1e-9) return 'no change';
  const sign = diff > 0 ? '+' : '−';
  if (key === 'winRate') return `${sign}${(Math.abs(diff) * 100).toFixed(1).replace(/\.0$/, '')} points`;
  const pct =
    before !== 0
      ? ` (${sign}${((Math.abs(diff) / Math.abs(before)) * 100).toFixed(1).replace(/\.0$/, '')}%)`
      : '';
  return `${sign}${formatAmount(Math.round(Math.abs(diff) * 100) / 100)}${pct}`;
}

interface Section {
  readonly title: string;
  readonly deals: readonly ListedDeal[];
  readonly empty: string;
}

const CSS = {
  table: 'border-collapse:collapse;margin:4px 0 16px',
  th: 'text-align:left;border-bottom:1px solid #dadce0;padding:4px 10px 4px 0;color:#5f6368;font-weight:normal',
  thNum:
    'text-align:right;border-bottom:1px solid #dadce0;padding:4px 10px 4px 0;color:#5f6368;font-weight:normal',
  td: 'padding:4px 10px 4px 0;border-bottom:1px solid #f1f3f4;vertical-align:top',
  num: 'padding:4px 10px 4px 0;border-bottom:1px solid #f1f3f4;text-align:right;white-space:nowrap',
  h2: 'font-size:16px;margin:20px 0 6px;color:#202124',
  a: 'color:#1a73e8',
  muted: 'color:#5f6368',
};

/** `week` is the report day of the week reported on (the report may go out later: quota, a missed run). */
export function weeklyReportEmail(
  report: WeeklyReport,
  links: ReportLinks,
  listed: number,
  week: number,
): Email {
  const name = clip(links.spreadsheetName).slice(0, 60);
  const day = formatDay(report.today);
  const subject = `Weekly pipeline report: ${name} (week of ${formatDay(week)})`;
  const a = (href: string, text: string) => `<a style="${CSS.a}" href="${escapeHtml(href)}">${text}</a>`;
  const html: string[] = [];
  const text: string[] = [];
  const open = rowsLink(links, links.dealsGid, report.openRows);
  const closed = rowsLink(links, links.dealsGid, report.closedRows);

  html.push(
    `<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124;max-width:760px">`,
    `<h1 style="font-size:20px;margin:0 0 4px">Weekly pipeline report</h1>`,
    `<p style="${CSS.muted};margin:0 0 12px">${escapeHtml(name)} · week of ${escapeHtml(formatDay(week))} · figures as of ${escapeHtml(day)}</p>`,
  );
  text.push(`Weekly pipeline report: ${name}, week of ${formatDay(week)} (figures as of ${day})`, '');

  // Headline figures.
  html.push(
    `<h2 style="${CSS.h2}">Headline</h2><table style="${CSS.table}" role="presentation"><tr><th style="${CSS.th}">Figure</th><th style="${CSS.thNum}">Now</th><th style="${CSS.th}">${report.previous ? `Change since ${escapeHtml(formatDay(report.previous.day))}` : 'Change (no earlier figures)'}</th></tr>`,
  );
  text.push(report.previous ? `HEADLINE (change since ${formatDay(report.previous.day)})` : 'HEADLINE');
  for (const key of HEADLINE_KEYS) {
    const value = report.headline[key];
    const before = report.previous ? report.previous.headline[key] : null;
    const change = changeText(key, value, before);
    const note = report.headlineNotes[key];
    const href = key === 'winRate' ? closed : open;
    html.push(
      `<tr><td style="${CSS.td}">${LABELS[key]}</td><td style="${CSS.num}">${a(href, escapeHtml(figure(key, value)))}</td><td style="${CSS.td}">${escapeHtml(change)}${note ? `<span style="${CSS.muted}">${escapeHtml(clip(note))}</span>` : ''}</td></tr>`,
    );
    text.push(
      `- ${LABELS[key]}: ${figure(key, value)}${change ? ` (${change})` : ''}${note ? ` — ${clip(note)}` : ''} ${href}`,
    );
  }
  html.push('</table>');
  text.push('');

  // The waterfall.
  const w = report.waterfall;
  html.push(
    `<h2 style="${CSS.h2}">What changed${w ? ` since the snapshot of ${escapeHtml(formatDay(w.startDay))}` : ''}</h2>`,
  );
  text.push(`WHAT CHANGED${w ? ` SINCE THE SNAPSHOT OF ${formatDay(w.startDay)}` : ''}`);
  if (!w) {
    html.push(`<p style="${CSS.muted}">${escapeHtml(clip(report.waterfallNote))}</p>`);
    text.push(clip(report.waterfallNote), '');
  } else {
    html.push(
      `<table style="${CSS.table}" role="presentation"><tr><th style="${CSS.th}">Change</th><th style="${CSS.thNum}">Deals</th><th style="${CSS.thNum}">Amount</th><th style="${CSS.th}"></th></tr>`,
    );
    for (const line of w.lines) {
      const rows =
        line.change === 'Start' || line.change === 'Removed'
          ? null
          : line.listed.map((d) => d.row).filter((r): r is number => r !== null);
      const href =
        rows === null
          ? links.snapshotsGid === null
            ? rowsLink(links, links.dealsGid, [])
            : rowsLink(
                links,
                links.snapshotsGid,
                line.change === 'Start'
                  ? w.startRows
                  : line.listed.map((d) => d.snapshotRow).filter((r): r is number => !!r),
              )
          : rowsLink(links, links.dealsGid, line.change === 'End' ? report.openRows : rows);
      const sign = SIGN[line.change] ?? '';
      const strong = line.change === 'Start' || line.change === 'End';
      const amount = `${sign}${formatAmount(line.amount)}`;
      const sep = line.change === 'Slipped' ? ' style="border-top:2px solid #dadce0"' : '';
      html.push(
        `<tr${sep}><td style="${CSS.td}">${strong ? `<b>${line.change}</b>` : line.change}</td><td style="${CSS.num}">${a(href, String(line.deals))}</td><td style="${CSS.num}">${a(href, escapeHtml(amount))}</td><td style="${CSS.td};${CSS.muted}">${MEANING[line.change]}</td></tr>`,
      );
      text.push(`- ${line.change}: ${line.deals} deals, ${amount} (${MEANING[line.change]}) ${href}`);
    }
    html.push('</table>');
    text.push('');
  }

  const sections: Section[] = [
    { title: 'Won this week', deals: report.won, empty: 'No deal was won since the previous snapshot.' },
    { title: 'Lost this week', deals: report.lost, empty: 'No deal was lost since the previous snapshot.' },
    { title: 'Slipped (expected close moved later)', deals: report.slipped, empty: 'No deal slipped.' },
    { title: 'Stalled deals', deals: report.stalled, empty: 'No deal is stalled.' },
    { title: 'Overdue', deals: report.overdue, empty: 'Nothing is overdue.' },
  ];
  for (const s of sections) {
    html.push(`<h2 style="${CSS.h2}">${escapeHtml(s.title)} (${s.deals.length})</h2>`);
    text.push(`${s.title.toUpperCase()} (${s.deals.length})`);
    dealTable(s.deals, s.empty);
  }

  html.push(`<h2 style="${CSS.h2}">Forecast range</h2>`);
  text.push('FORECAST RANGE');
  html.push(
    `<table style="${CSS.table}" role="presentation"><tr><th style="${CSS.th}">Window</th><th style="${CSS.thNum}">Low (P10)</th><th style="${CSS.thNum}">Likely (P50)</th><th style="${CSS.thNum}">High (P90)</th><th style="${CSS.thNum}">Expected</th><th style="${CSS.thNum}">Won so far</th></tr>`,
  );
  for (const f of report.forecasts) {
    const href = rowsLink(
      links,
      links.dealsGid,
      f.listed.map((d) => d.row).filter((r): r is number => r !== null),
    );
    const span = `${formatDay(f.start)} to ${formatDay(f.end)}`;
    if (f.error) {
      html.push(
        `<tr><td style="${CSS.td}">${escapeHtml(f.label)}<br><span style="${CSS.muted}">${span}</span></td><td style="${CSS.td}" colspan="5">${escapeHtml(clip(f.error))}</td></tr>`,
      );
      text.push(`- ${f.label} (${span}): ${clip(f.error)}`);
      continue;
    }
    const cells = [f.low, f.likely, f.high, f.expected, f.won].map((v) =>
      formatAmount(v === null ? null : Math.round(v * 100) / 100),
    );
    html.push(
      `<tr><td style="${CSS.td}">${escapeHtml(f.label)}<br><span style="${CSS.muted}">${span}</span></td>${cells
        .map((c) => `<td style="${CSS.num}">${a(href, escapeHtml(c))}</td>`)
        .join('')}</tr>`,
    );
    text.push(
      `- ${f.label} (${span}): low ${cells[0]}, likely ${cells[1]}, high ${cells[2]}, expected ${cells[3]}, won so far ${cells[4]}; ${f.listed.length} open deals expected to close ${href}`,
    );
  }
  html.push('</table>');
  text.push('');
  const sheet = `${links.url}#gid=${links.dealsGid}`;
  html.push(
    `<p style="${CSS.muted};font-size:12px">Sent by Sheets Pipeline on the report day set in Pipeline › Alerts › Alert settings. The same report, as live formulas: Pipeline › Report. ${a(sheet, 'Open the deals')}</p></div>`,
  );
  text.push(
    'Sent by Sheets Pipeline on the report day set in Pipeline › Alerts › Alert settings. The same report, as live formulas: Pipeline › Report.',
    sheet,
  );
  return { subject, html: html.join('\n'), text: text.join('\n') };

  function dealTable(deals: readonly ListedDeal[], empty: string): void {
    if (deals.length === 0) {
      html.push(`<p style="${CSS.muted}">${escapeHtml(empty)}</p>`);
      text.push(empty, '');
      return;
    }
    html.push(
      `<table style="${CSS.table}" role="presentation"><tr><th style="${CSS.th}">Deal</th><th style="${CSS.th}">Owner</th><th style="${CSS.th}">Stage</th><th style="${CSS.thNum}">Amount</th><th style="${CSS.th}"></th></tr>`,
    );
    for (const d of deals.slice(0, listed)) {
      const href = dealLink(links, d);
      html.push(
        `<tr><td style="${CSS.td}">${a(href, escapeHtml(clip(d.deal)))}</td><td style="${CSS.td}">${escapeHtml(clip(d.owner))}</td><td style="${CSS.td}">${escapeHtml(clip(d.stage))}</td><td style="${CSS.num}">${escapeHtml(formatAmount(d.amount))}</td><td style="${CSS.td};${CSS.muted}">${escapeHtml(clip(d.note))}</td></tr>`,
      );
      text.push(
        `- ${clip(d.deal)} — ${[clip(d.owner), clip(d.stage), formatAmount(d.amount), clip(d.note)].filter((x) => x !== '').join(', ')} ${href}`,
      );
    }
    html.push('</table>');
    const more = deals.length - Math.min(listed, deals.length);
    if (more > 0) {
      const href = rowsLink(
        links,
        links.dealsGid,
        deals.map((d) => d.row).filter((r): r is number => r !== null),
      );
      html.push(`<p>${a(href, `and ${more} more in the sheet`)}</p>`);
      text.push(`…and ${more} more: ${href}`);
    }
    text.push('');
  }
}
