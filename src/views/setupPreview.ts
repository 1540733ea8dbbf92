/**
 * The Set up preview dialog (SPEC §5): what Set up understood of the sheet, before it writes
 * anything, with "Set up" and "Cancel". Every value from the sheet is escaped (deal text is
 * untrusted). "Set up" calls `applySetUp(token)`; Cancel only closes the dialog, so nothing is
 * written. The same page then shows the one-line summary of what was done.
 */
import { letterOf } from '../core/model/sheetColumn';
import { escapeHtml, plural } from '../core/model/text';
import type { SetupPlan } from '../core/setup/understand';

const MAX_PROBLEMS = 25;

const HOW: Record<SetupPlan['dealsSheet']['how'], string> = {
  remembered: 'your deals sheet',
  exact: 'your deals sheet',
  adopted: 'your deals sheet (its headers look like deals)',
  new: 'a new sheet Set up creates',
};

function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}

function section(title: string, body: string): string {
  return `<section><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

function headersTable(plan: SetupPlan): string {
  if (plan.headers.length === 0)
    return '<p class="muted">The sheet is empty: Set up writes the header row.</p>';
  const rows = plan.headers
    .map((h) => {
      const as = h.takenAs
        ? `<span class="pill">${escapeHtml(h.takenAs)}</span>`
        : '<span class="yours">kept as yours</span>';
      const note = h.note ? `<div class="note">${escapeHtml(h.note)}</div>` : '';
      const header = h.header === '' ? '<span class="muted">(blank)</span>' : escapeHtml(h.header);
      return `<tr><td class="col">${escapeHtml(h.column)}</td><td>${header}</td><td>${as}${note}</td></tr>`;
    })
    .join('');
  return `<table class="grid"><thead><tr><th>Column</th><th>Your header</th><th>Read as</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function addedColumns(plan: SetupPlan): string {
  const added = plan.columns.added;
  if (added.length === 0) return '<p>None: every column the pipeline needs is already there.</p>';
  const list = added.map((c) => `<span class="pill add">${escapeHtml(c.header)}</span>`).join(' ');
  const first = added[0]!;
  return `<p>${plural(added.length, 'new column', 'new columns')} at the right, from column ${escapeHtml(
    letterOf(first.column),
  )}, empty and formatted — your columns stay where they are:</p><p class="pills">${list}</p>`;
}

function stagesTable(plan: SetupPlan): string {
  const s = plan.stages;
  if (s.error !== '')
    return `<p class="warn">${escapeHtml(s.sheet)} cannot be read: ${escapeHtml(s.error)}</p><p>Fix it, then run Set up again.</p>`;
  const from =
    s.source === 'sheet'
      ? `From your <b>${escapeHtml(s.sheet)}</b> sheet.`
      : s.source === 'learned'
        ? `Learned from your deals; Set up writes them into a new <b>${escapeHtml(s.sheet)}</b> sheet, which is yours to edit.`
        : `The usual stages; Set up writes them into a new <b>${escapeHtml(s.sheet)}</b> sheet, which is yours to edit.`;
  const rows = s.list
    .map(
      (st) =>
        `<tr><td>${escapeHtml(st.name)}</td><td><span class="outcome ${st.outcome.toLowerCase()}">${st.outcome}</span></td>` +
        `<td class="num">${st.outcome === 'Open' ? percent(st.probability) : ''}</td><td class="num">${st.deals}</td></tr>`,
    )
    .join('');
  return `<p>${from}</p><table class="grid"><thead><tr><th>Stage</th><th>Outcome</th><th class="num">Probability</th><th class="num">Deals</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function counts(plan: SetupPlan): string {
  const c = plan.counts;
  const tile = (n: number, label: string, cls: string) =>
    `<div class="tile ${cls}"><div class="n">${n}</div><div class="l">${label}</div></div>`;
  return `<div class="tiles">${tile(c.open, 'open', 'open')}${tile(c.won, 'won', 'won')}${tile(
    c.lost,
    'lost',
    'lost',
  )}${tile(plan.problems.length, plan.problems.length === 1 ? 'row to check' : 'rows to check', plan.problems.length > 0 ? 'check' : '')}</div>`;
}

function problems(plan: SetupPlan): string {
  if (plan.problems.length === 0) return '<p>Every deal row reads cleanly.</p>';
  const shown = plan.problems.slice(0, MAX_PROBLEMS);
  const rows = shown
    .map(
      (p) =>
        `<tr><td class="num">${p.row}</td><td>${escapeHtml(p.deal)}</td><td>${escapeHtml(p.problem)}</td></tr>`,
    )
    .join('');
  const more =
    plan.problems.length > shown.length
      ? `<p class="muted">and ${plan.problems.length - shown.length} more (Pipeline › Check data lists them all).</p>`
      : '';
  return `<p>The metrics leave these out until they are fixed. Set up changes none of them.</p><table class="grid"><thead><tr><th class="num">Row</th><th>Deal</th><th>Problem</th></tr></thead><tbody>${rows}</tbody></table>${more}`;
}

/** What stays the team's: sheets and names with the add-on's names, formula columns, Stage rules. */
function yours(plan: SetupPlan): string {
  const items: string[] = [];
  for (const choice of Object.values(plan.sheets)) {
    for (const kept of choice.keptAsYours) {
      items.push(
        `Your sheet <b>${escapeHtml(kept)}</b> is something else: it stays as it is, and the add-on uses <b>${escapeHtml(choice.name)}</b>.`,
      );
    }
  }
  for (const choice of Object.values(plan.ranges)) {
    if (choice.keptAsYours) {
      const usual = choice.name.replace(/^PIPELINE_/, '');
      items.push(
        `The name <b>${escapeHtml(usual)}</b> already points at ${escapeHtml(choice.keptAsYours.sheet)}!${escapeHtml(
          choice.keptAsYours.a1,
        )}: it stays yours; the add-on names its table <b>${escapeHtml(choice.name)}</b> (use <code>=PIPELINE_WINRATE(${escapeHtml(choice.name)})</code>).`,
      );
    }
  }
  for (const f of plan.formulaColumns) {
    const blocked = plan.headers.some((h) => h.column === f.column && h.takenAs !== null);
    items.push(
      blocked
        ? `Column ${escapeHtml(f.column)} (<b>${escapeHtml(f.header)}</b>) holds your formulas under the add-on's own name: it is read as ${escapeHtml(f.field)}. Rename its header to keep it yours; then Set up adds a ${escapeHtml(f.field)} column of its own.`
        : `Column ${escapeHtml(f.column)} (<b>${escapeHtml(f.header)}</b>) holds your formulas: the add-on leaves it alone and keeps its own ${escapeHtml(f.field)} column.`,
    );
  }
  if (plan.stageDropDown === 'kept') {
    items.push(
      `Your own validation on ${plural(plan.stageValidation.theirs, 'Stage cell', 'Stage cells')} (${escapeHtml(
        plan.stageValidation.theirsA1,
      )}) is kept: Set up adds no Stage drop-down. Remove your rule and run Set up again to get one.`,
    );
  }
  if (items.length === 0) return '';
  return section(
    'Yours, left alone',
    `<ul class="yours-list">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`,
  );
}

function creates(plan: SetupPlan): string {
  const made = Object.values(plan.sheets)
    .filter((c) => c.create)
    .map((c) => `<b>${escapeHtml(c.name)}</b>`);
  const names = Object.values(plan.ranges).map((r) => `<code>${escapeHtml(r.name)}</code>`);
  const parts: string[] = [];
  if (plan.dealsSheet.how === 'new') parts.push(`the <b>${escapeHtml(plan.dealsSheet.name)}</b> sheet`);
  if (made.length > 0) parts.push(`the sheets ${made.join(', ')}`);
  parts.push(`the names ${names.join(', ')}`);
  if (plan.stageDropDown === 'add') parts.push('a Stage drop-down');
  parts.push('the stalled-row highlight');
  return `<p>Set up adds ${parts.join(', ')}. It never deletes, moves or rewrites your data.</p>`;
}

const STYLES = `
*{box-sizing:border-box}
body{margin:0;font:13px/1.45 Roboto,Arial,sans-serif;color:#202124;background:#fff}
main{padding:4px 20px 84px}
.lead{font-size:14px;margin:12px 0 4px}
h1{font-size:15px;font-weight:500;margin:12px 0 4px}
h2{font-size:12px;font-weight:600;letter-spacing:.04em;text-transform:uppercase;color:#5f6368;margin:18px 0 6px}
section{border-top:1px solid #e8eaed}
p{margin:6px 0}
.grid{border-collapse:collapse;width:100%}
.grid th{font-weight:500;color:#5f6368;text-align:left;padding:4px 8px;border-bottom:1px solid #dadce0;background:#f8f9fa}
.grid td{padding:4px 8px;border-bottom:1px solid #f1f3f4;vertical-align:top}
.grid .col{color:#5f6368;width:28px}
.num{text-align:right;white-space:nowrap}
.pill{display:inline-block;padding:0 8px;border-radius:10px;background:#e8f0fe;color:#174ea6;font-size:12px;line-height:20px}
.pill.add{background:#e6f4ea;color:#0d652d;margin:0 2px 4px 0}
.yours{color:#5f6368;font-style:italic}
.note{color:#b06000;font-size:12px}
.muted{color:#5f6368}
.warn{color:#c5221f}
.outcome{font-size:12px;font-weight:500}
.outcome.won{color:#137333}.outcome.lost{color:#c5221f}.outcome.open{color:#5f6368}
.tiles{display:flex;gap:8px;margin:6px 0}
.tile{flex:1;border:1px solid #dadce0;border-radius:8px;padding:8px 10px}
.tile .n{font-size:22px;font-weight:500}
.tile .l{color:#5f6368;font-size:12px}
.tile.won .n{color:#137333}.tile.lost .n{color:#c5221f}.tile.check .n{color:#b06000}
.yours-list{margin:4px 0;padding-left:18px}.yours-list li{margin:4px 0}
code{font:12px 'Roboto Mono',monospace;background:#f1f3f4;padding:0 3px;border-radius:3px}
footer{position:fixed;left:0;right:0;bottom:0;background:#fff;border-top:1px solid #dadce0;padding:12px 20px;display:flex;gap:8px;justify-content:flex-end;align-items:center}
footer .status{flex:1;color:#5f6368}
button{font:500 13px Roboto,Arial,sans-serif;border-radius:4px;padding:8px 16px;cursor:pointer;border:1px solid #dadce0;background:#fff;color:#1a73e8}
button.primary{background:#1a73e8;border-color:#1a73e8;color:#fff}
button:disabled{opacity:.6;cursor:default}
#done{display:none;padding:16px 20px}
#done.show{display:block}
.done-title{font-size:16px;font-weight:500;color:#137333;margin:4px 0 8px}
`;

/**
 * Columns whose formulas call NOW(), RAND()…: Sheets refuses a custom function whose range covers
 * them, so every figure would show an error. Set up goes on (nothing is lost); the team decides.
 */
function refused(plan: SetupPlan): string {
  if (plan.refusedColumns.length === 0) return '';
  const items = plan.refusedColumns.map(
    (c) =>
      `<li>Column ${escapeHtml(c.column)} (<b>${escapeHtml(c.header)}</b>): <code>${escapeHtml(c.formula)}</code></li>`,
  );
  return section(
    'Formulas the Pipeline functions cannot read',
    `<p class="warn">Google Sheets does not let add-on functions read a range holding NOW(), RAND(), RANDARRAY() or RANDBETWEEN(), so every <code>=PIPELINE_…</code> figure on these deals would show an error.</p><ul>${items.join(
      '',
    )}</ul><p>Replace these formulas with values, or move the column to another sheet.</p>`,
  );
}

/** The preview page. `token` goes back to the server with "Set up". */
export function setupPreviewHtml(plan: SetupPlan): string {
  const sheet = escapeHtml(plan.dealsSheet.name);
  const c = plan.counts;
  const lead =
    plan.dealsSheet.how === 'new'
      ? '<p class="lead">No sheet of deals was found: Set up creates a <b>Deals</b> sheet with every column.</p>'
      : `<p class="lead">Set up will use <b>${sheet}</b> as ${HOW[plan.dealsSheet.how]}: ${plural(
          c.deals,
          'deal',
          'deals',
        )} found. Nothing has been written yet.</p>`;
  const body = [
    lead,
    plan.dealsSheet.how === 'new' ? '' : section('Deals', counts(plan)),
    refused(plan),
    plan.headers.length > 0 ? section('Your columns', headersTable(plan)) : '',
    section('Columns Set up adds', addedColumns(plan)),
    section('Stages', stagesTable(plan)),
    plan.dealsSheet.how === 'new' ? '' : section('Rows it cannot read', problems(plan)),
    yours(plan),
    section('What Set up will do', creates(plan)),
  ].join('\n');
  const script = `
(function(){
  var token = ${JSON.stringify(plan.token)};
  var go = document.getElementById('go'), cancel = document.getElementById('cancel'), status = document.getElementById('status');
  cancel.addEventListener('click', function(){ google.script.host.close(); });
  go.addEventListener('click', function(){
    go.disabled = true; cancel.disabled = true; status.textContent = 'Setting up…';
    google.script.run.withSuccessHandler(function(result){
      if (!result || !result.ok) {
        status.textContent = (result && result.message) || 'Set up did not run.';
        cancel.disabled = false; cancel.textContent = 'Close';
        return;
      }
      document.getElementById('preview').style.display = 'none';
      document.querySelector('footer').style.display = 'none';
      document.getElementById('summary').textContent = result.message;
      document.getElementById('done').className = 'show';
    }).withFailureHandler(function(error){
      status.textContent = (error && error.message) || String(error);
      go.disabled = false; cancel.disabled = false;
    }).applySetUp(token);
  });
  document.getElementById('close').addEventListener('click', function(){ google.script.host.close(); });
})();`;
  return [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><base target="_top">',
    '<title>Set up Sheets Pipeline</title>',
    `<style>${STYLES}</style></head><body>`,
    `<main id="preview"><h1>What Set up understood</h1>${body}</main>`,
    '<footer><span class="status" id="status" role="status"></span>',
    '<button id="cancel" type="button">Cancel</button>',
    '<button id="go" type="button" class="primary">Set up</button></footer>',
    '<div id="done" role="status"><div class="done-title">Set up is done</div><p id="summary"></p>',
    '<p class="muted">Pipeline › Dashboard builds the dashboard; Pipeline › Open sidebar moves deals.</p>',
    '<p><button id="close" type="button" class="primary">Close</button></p></div>',
    `<script>${script}</script>`,
    '</body></html>',
  ].join('\n');
}
