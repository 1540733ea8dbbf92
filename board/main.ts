/**
 * The pipeline board: one column per open stage, a card per open deal, Won and Lost targets.
 * Cards move by drag and drop (HTML5) or from the keyboard (focus a card, Enter, choose a stage);
 * every move goes to the server's sidebar path through the typed bridge, and the board redraws
 * from the server's answer. Deal text is only ever set as textContent, never as HTML.
 */

import { byId, el } from '../clients/dom';
import { formatAmount, formatDay, formatDays } from '../clients/format';
import type { BoardLoad, BoardView, CardView, ColumnView, OwnerView } from '../src/core/board/types';
import type { MoveRequest, StageView } from '../src/core/moves/types';
import { call } from './bridge';

const POLL_MS = 30_000;
/** Cards drawn per column before "Show more": long columns stay light to render and scroll. */
export const PAGE = 50;

type Target =
  | { readonly kind: 'column'; readonly column: number }
  | { readonly kind: 'outcome'; readonly stage: StageView };
type MoveExtra = Pick<MoveRequest, 'closedOn' | 'amount' | 'lostReason'>;

const state: {
  board: BoardView | null;
  owner: string;
  search: string;
  shown: Map<number, number>;
  /** A card shown in its target column while its move is on the way. */
  pending: { key: string; column: number } | null;
  busy: number;
  drag: string | null;
  focusKey: string;
  ownersKey: string;
  dialog: { card: CardView; stage: StageView } | null;
  snapped: string;
} = {
  board: null,
  owner: '*',
  search: '',
  shown: new Map(),
  pending: null,
  busy: 0,
  drag: null,
  focusKey: '',
  ownersKey: '',
  dialog: null,
  snapped: '',
};

const keyOf = (card: CardView): string => (card.id ? `id:${card.id}` : `row:${card.row}:${card.name}`);
const ownerKey = (owner: string): string => owner.trim().toLowerCase();
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function cardByKey(key: string): CardView | null {
  return state.board?.cards.find((c) => keyOf(c) === key) ?? null;
}

// ---- status and busy ----

function setStatus(message: string, kind: 'ok' | 'error' | 'info' = 'info'): void {
  const status = byId('status');
  status.textContent = message;
  status.className = `status ${kind}`;
  status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  status.hidden = message === '';
}

function setBusy(on: boolean): void {
  state.busy += on ? 1 : -1;
  byId('busy').hidden = state.busy <= 0;
  byId('board').setAttribute('aria-busy', String(state.busy > 0));
}

// ---- filtering ----

function matches(card: CardView): boolean {
  if (state.owner !== '*' && ownerKey(card.owner) !== state.owner) return false;
  const q = state.search.trim().toLowerCase();
  if (q === '') return true;
  return [card.name, card.company, card.owner, card.nextStep, card.id].some((t) =>
    t.toLowerCase().includes(q),
  );
}

/** The column totals for the owner filter: the server's figures (the same code as PIPELINE_FUNNEL). */
function totalsOf(board: BoardView, column: number): { count: number; value: number; weighted: number } {
  if (state.owner === '*') return board.columns[column]!;
  const owner = board.owners.find((o) => ownerKey(o.name) === state.owner);
  return owner?.totals[column] ?? { count: 0, value: 0, weighted: 0 };
}

// ---- rendering ----

function initials(owner: string): string {
  const name = owner.includes('@') ? owner.split('@')[0]!.replace(/[._-]+/g, ' ') : owner;
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    parts.length > 1 ? parts[0]![0]! + parts[parts.length - 1]![0]! : (parts[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

const monthDay = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' });

/** A next step's day, short: `Today`, `Nov 19` this year, else with the year. */
function shortDay(iso: string): string {
  const today = state.board?.today ?? '';
  if (iso === today) return 'Today';
  if (iso.slice(0, 4) !== today.slice(0, 4)) return formatDay(iso);
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : monthDay.format(date);
}

function nextStepLine(card: CardView): HTMLElement {
  const date = card.nextStepDate ? shortDay(card.nextStepDate) : '';
  const labels: Record<CardView['nextStepState'], string> = {
    overdue: 'Next step overdue',
    today: 'Next step due today',
    planned: 'Next step',
    none: 'No next step',
  };
  const text = card.nextStep || (card.nextStepState === 'none' ? 'No next step' : '');
  return el(
    'p',
    { class: `card-next ${card.nextStepState}`, attrs: { title: labels[card.nextStepState] } },
    el('span', { class: 'next-icon', attrs: { 'aria-hidden': 'true' } }),
    el('span', { class: 'sr-only', text: `${labels[card.nextStepState]}: ` }),
    el('span', { class: 'next-text', text: text || 'Next step not written' }),
    date ? el('span', { class: 'next-date', text: date }) : null,
  );
}

function describe(card: CardView, column: ColumnView): string {
  return [
    card.name || card.id || `Row ${card.row}`,
    card.company,
    card.owner,
    formatAmount(card.amount, card.amountText),
    card.daysInStage === null ? '' : `${formatDays(card.daysInStage)} in ${column.name}`,
    card.stalledDays !== null ? 'stalled' : '',
    card.closePassed ? 'expected close passed' : '',
    card.nextStepState === 'overdue'
      ? 'next step overdue'
      : card.nextStepState === 'none'
        ? 'no next step'
        : '',
  ]
    .filter(Boolean)
    .join(', ');
}

function cardElement(card: CardView, column: ColumnView, key: string): HTMLElement {
  const flags: HTMLElement[] = [];
  if (card.stalledDays !== null) {
    flags.push(
      el('span', {
        class: 'flag rotting',
        text: `Stalled · ${formatDays(card.stalledDays)} idle`,
        attrs: {
          title: `No move or activity for ${formatDays(card.stalledDays)} (limit ${column.stalledAfter ?? '—'})`,
        },
      }),
    );
  }
  if (card.closePassed && card.expectedClose) {
    flags.push(
      el('span', { class: 'flag late', text: `Close date passed · ${formatDay(card.expectedClose)}` }),
    );
  }
  if (card.snoozedUntil)
    flags.push(el('span', { class: 'flag quiet', text: `Snoozed to ${formatDay(card.snoozedUntil)}` }));
  const pending = state.pending?.key === key;
  const li = el(
    'li',
    {
      class: `card${card.stalledDays !== null ? ' rotting' : ''}${pending ? ' pending' : ''}${state.snapped === key ? ' snapped' : ''}`,
      attrs: {
        tabindex: '-1',
        draggable: 'true',
        'data-key': key,
        'aria-label': describe(card, column),
        'aria-roledescription': 'deal card',
      },
    },
    el(
      'div',
      { class: 'card-top' },
      el('span', { class: 'card-name', text: card.name || card.id || `Row ${card.row}` }),
      el('button', {
        class: 'card-menu',
        text: '⋮',
        attrs: {
          type: 'button',
          tabindex: '-1',
          'aria-label': 'Move or open this deal',
          'aria-haspopup': 'menu',
        },
      }),
    ),
    card.company ? el('p', { class: 'card-company', text: card.company }) : null,
    el(
      'div',
      { class: 'card-line' },
      el('span', {
        class: `card-amount${card.amount === null ? ' unknown' : ''}`,
        text: formatAmount(card.amount, card.amountText),
      }),
      card.daysInStage === null
        ? null
        : el('span', {
            class: 'card-days',
            text: formatDays(card.daysInStage),
            attrs: { title: `${formatDays(card.daysInStage)} in ${column.name}` },
          }),
    ),
    flags.length > 0 ? el('div', { class: 'flags' }, ...flags) : null,
    nextStepLine(card),
    el(
      'div',
      { class: 'card-owner' },
      el('span', { class: 'avatar', text: initials(card.owner), attrs: { 'aria-hidden': 'true' } }),
      el('span', { class: 'owner-name', text: card.owner || 'No owner' }),
    ),
  );
  return li;
}

/** The last item of a long column: shows the next page when clicked or scrolled into view. */
function moreItem(column: number, total: number, shown: number): HTMLElement | null {
  if (total <= shown) return null;
  return el(
    'li',
    { class: 'more-item' },
    el('button', {
      class: 'btn more',
      text: `Show ${Math.min(PAGE, total - shown)} more (${total - shown} not shown)`,
      attrs: { type: 'button', 'data-more': String(column) },
    }),
  );
}

function columnElement(board: BoardView, column: ColumnView, index: number, cards: CardView[]): HTMLElement {
  const totals = totalsOf(board, index);
  const limit = state.shown.get(index) ?? PAGE;
  const headingId = `col-${index}-name`;
  const searching = state.search.trim() !== '';
  const list = el('ol', { class: 'cards', attrs: { 'aria-labelledby': headingId } });
  for (const card of cards.slice(0, limit)) list.append(cardElement(card, column, keyOf(card)));
  if (cards.length === 0) {
    list.append(el('li', { class: 'empty', text: searching ? 'No deal matches' : 'No deals' }));
  }
  const more = moreItem(index, cards.length, limit);
  if (more) list.append(more);
  const note =
    column.notShown > 0 && state.owner === '*' && !searching
      ? `${whole.format(column.notShown)} more in the sheet`
      : '';
  return el(
    'section',
    {
      class: 'column',
      attrs: { 'data-drop': `col:${index}`, 'data-column': String(index), 'aria-labelledby': headingId },
    },
    el(
      'header',
      { class: 'column-head' },
      el(
        'div',
        { class: 'column-title' },
        el('h2', { text: column.name, attrs: { id: headingId } }),
        el('span', {
          class: 'count',
          text: whole.format(totals.count),
          attrs: { 'data-count': String(totals.count), title: `${totals.count} open deals` },
        }),
      ),
      el(
        'p',
        { class: 'column-totals' },
        el('span', {
          class: 'value',
          text: compact.format(totals.value),
          attrs: { 'data-value': String(totals.value), title: `Value ${whole.format(totals.value)}` },
        }),
        el('span', {
          class: 'weighted',
          text: `${compact.format(totals.weighted)} weighted`,
          attrs: {
            'data-weighted': String(totals.weighted),
            title: `Weighted value ${whole.format(totals.weighted)} (amount × probability)`,
          },
        }),
      ),
      searching ? el('p', { class: 'column-note', text: `${cards.length} match` }) : null,
      note ? el('p', { class: 'column-note', text: note }) : null,
    ),
    list,
  );
}

function outcomesElement(board: BoardView): HTMLElement {
  return el(
    'section',
    { class: 'outcomes', attrs: { 'aria-label': 'Close the deal' } },
    ...board.outcomes.map((stage) =>
      el(
        'div',
        {
          class: `target ${stage.outcome === 'Won' ? 'won' : 'lost'}`,
          attrs: { 'data-drop': `stage:${stage.name}` },
        },
        el('span', {
          class: 'target-icon',
          text: stage.outcome === 'Won' ? '✓' : '✕',
          attrs: { 'aria-hidden': 'true' },
        }),
        el('span', { class: 'target-name', text: stage.name }),
        el('span', { class: 'target-hint', text: 'Drop a card here' }),
      ),
    ),
  );
}

function renderOwners(board: BoardView): void {
  const key = board.owners.map((o) => o.name).join('\u0000');
  if (key === state.ownersKey) return;
  state.ownersKey = key;
  const select = byId<HTMLSelectElement>('owner');
  const options = [
    el('option', { text: 'All owners', attrs: { value: '*' } }),
    ...board.owners.map((o: OwnerView) =>
      el('option', { text: o.name || 'No owner', attrs: { value: ownerKey(o.name) } }),
    ),
  ];
  select.replaceChildren(...options);
  if (state.owner !== '*' && !board.owners.some((o) => ownerKey(o.name) === state.owner)) state.owner = '*';
  select.value = state.owner;
}

function renderSummary(board: BoardView): void {
  let count = 0;
  let value = 0;
  let weighted = 0;
  board.columns.forEach((_, i) => {
    const t = totalsOf(board, i);
    count += t.count;
    value += t.value;
    weighted += t.weighted;
  });
  const extra = board.unplaced > 0 ? ` · ${board.unplaced} with an unknown stage (see Check data)` : '';
  byId('summary').textContent =
    `${whole.format(count)} open deal${count === 1 ? '' : 's'} · ${whole.format(value)} · ${whole.format(weighted)} weighted${extra}`;
}

/** The cards each column shows under the filters (a card on its way to a column is shown there). */
function visibleColumns(board: BoardView): CardView[][] {
  const columns: CardView[][] = board.columns.map(() => []);
  for (const card of board.cards) {
    if (!matches(card)) continue;
    const pending = state.pending && state.pending.key === keyOf(card) ? state.pending.column : card.column;
    columns[pending]?.push(card);
  }
  return columns;
}

function render(): void {
  const board = state.board;
  if (!board) return;
  const focused =
    document.activeElement instanceof HTMLElement
      ? document.activeElement.closest<HTMLElement>('.card')
      : null;
  if (focused?.dataset.key) state.focusKey = focused.dataset.key;
  const scroll = new Map<number, number>();
  for (const list of document.querySelectorAll<HTMLElement>('.column')) {
    scroll.set(Number(list.dataset.column), list.querySelector('.cards')?.scrollTop ?? 0);
  }
  renderOwners(board);
  renderSummary(board);
  const columns = visibleColumns(board);
  const root = byId('board');
  root.replaceChildren(
    ...board.columns.map((column, i) => columnElement(board, column, i, columns[i]!)),
    outcomesElement(board),
  );
  for (const section of root.querySelectorAll<HTMLElement>('.column')) {
    const top = scroll.get(Number(section.dataset.column));
    const list = section.querySelector<HTMLElement>('.cards');
    if (list && top) list.scrollTop = top;
  }
  // Roving focus: one card is in the Tab order (the last one used, else the first).
  const cards = root.querySelectorAll<HTMLElement>('.card');
  const current =
    (state.focusKey && root.querySelector<HTMLElement>(`.card[data-key="${CSS.escape(state.focusKey)}"]`)) ||
    cards[0];
  if (current) current.tabIndex = 0;
  if (focused && current && document.activeElement !== current) current.focus({ preventScroll: true });
  observeMore();
}

// ---- long columns: more cards as the column scrolls ----

let observers: IntersectionObserver[] = [];

/** Each column's "Show more" item, watched inside its own scrolling list. */
function observeMore(): void {
  if (typeof IntersectionObserver === 'undefined') return;
  for (const o of observers) o.disconnect();
  observers = [];
  for (const button of document.querySelectorAll<HTMLElement>('[data-more]')) watch(button);
}

function watch(button: HTMLElement): void {
  const list = button.closest('.cards');
  if (!list || typeof IntersectionObserver === 'undefined') return;
  const seen = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        seen.disconnect();
        showMore(Number(button.dataset.more));
      }
    },
    { root: list, rootMargin: '0px 0px 400px 0px' },
  );
  seen.observe(button);
  observers.push(seen);
}

/** The next page of one column: its cards are added below the ones shown, nothing is redrawn. */
function showMore(column: number): void {
  const board = state.board;
  const list = document.querySelector<HTMLElement>(`.column[data-column="${column}"] .cards`);
  const stage = board?.columns[column];
  if (!board || !list || !stage) return;
  const from = state.shown.get(column) ?? PAGE;
  const to = from + PAGE;
  state.shown.set(column, to);
  const cards = visibleColumns(board)[column] ?? [];
  list.querySelector('.more-item')?.remove();
  list.append(...cards.slice(from, to).map((card) => cardElement(card, stage, keyOf(card))));
  const item = moreItem(column, cards.length, to);
  if (item) {
    list.append(item);
    watch(item.querySelector<HTMLElement>('[data-more]')!);
  }
}

// ---- loading ----

function apply(load: BoardLoad | null): void {
  if (!load) return;
  if (load.kind === 'same') return;
  if (load.kind === 'none') {
    state.board = null;
    byId('board').replaceChildren(el('p', { class: 'loading', text: load.message }));
    return;
  }
  state.board = load;
  byId('board').setAttribute('aria-busy', String(state.busy > 0));
  render();
}

/** `fresh`: ask for the whole board (and reconcile Stage with History), not just "same". */
async function load(fresh = false): Promise<number> {
  const result = await call('boardLoad', fresh ? '' : (state.board?.version ?? ''));
  apply(result);
  const n = result.kind === 'board' ? (result.synced ?? 0) : 0;
  if (n > 0) {
    setStatus(
      `Recorded ${n} stage change${n === 1 ? '' : 's'} typed in the sheet that History had missed (Via = sync).`,
      'info',
    );
  }
  return n;
}

// ---- moves ----

function refOf(card: CardView): Pick<MoveRequest, 'id' | 'row' | 'name' | 'expectedStage'> {
  return { id: card.id, row: card.row, name: card.name, expectedStage: card.stage };
}

interface Outcome {
  readonly ok: boolean;
  readonly message: string;
  /** The deal changed or is gone: a form asking for details has nothing left to do. */
  readonly final: boolean;
}

/** Sends a move; the board redraws from the server's answer, so a refused card snaps back. */
async function send(card: CardView, toStage: string, extra: MoveExtra = {}): Promise<Outcome> {
  const key = keyOf(card);
  setBusy(true);
  setStatus(`Moving "${card.name || card.id}" to ${toStage}…`, 'info');
  try {
    const answer = await call('boardMove', { ...refOf(card), toStage, ...extra });
    state.pending = null;
    const { result } = answer;
    if (!result.ok) state.snapped = key;
    if (answer.board) apply(answer.board);
    else render();
    keepFocus(key);
    setStatus(result.message, result.ok ? 'ok' : 'error');
    return { ok: result.ok, message: result.message, final: true };
  } catch (error) {
    state.pending = null;
    state.snapped = key;
    render();
    keepFocus(key);
    const message = (error as Error).message;
    setStatus(message, 'error');
    return { ok: false, message, final: false };
  } finally {
    setBusy(false);
    setTimeout(() => {
      if (state.snapped === key) {
        state.snapped = '';
        document.querySelector(`.card[data-key="${CSS.escape(key)}"]`)?.classList.remove('snapped');
      }
    }, 1200);
  }
}

function moveTo(card: CardView, target: Target): void {
  if (state.busy > 0) {
    setStatus('Wait for the last move to finish.', 'info');
    return;
  }
  const board = state.board;
  if (!board) return;
  state.focusKey = keyOf(card);
  if (target.kind === 'outcome') {
    if (target.stage.outcome === 'Won') openWon(card, target.stage);
    else openLost(card, target.stage);
    return;
  }
  if (target.column === card.column) return;
  const column = board.columns[target.column];
  if (!column) return;
  state.pending = { key: keyOf(card), column: target.column };
  render();
  keepFocus(keyOf(card));
  void send(card, column.name);
}

// ---- Won and Lost dialogs ----

function dealLine(card: CardView): string {
  return [card.name || card.id, card.company, formatAmount(card.amount, card.amountText)]
    .filter(Boolean)
    .join(' · ');
}

function formError(id: string, message: string): void {
  const node = byId(id);
  node.textContent = message;
  node.hidden = message === '';
}

function openWon(card: CardView, stage: StageView): void {
  const board = state.board!;
  state.dialog = { card, stage };
  byId('won-title').textContent = `Mark as ${stage.name.toLowerCase()}`;
  byId('won-deal').textContent = dealLine(card);
  const date = byId<HTMLInputElement>('won-date');
  date.value = board.today;
  date.max = board.today;
  const amount = byId<HTMLInputElement>('won-amount');
  amount.value = '';
  amount.placeholder = card.amount === null ? '' : String(card.amount);
  amount.disabled = !board.hasAmount;
  byId('won-hint').textContent = !board.hasAmount
    ? 'The deals sheet has no Amount column.'
    : card.amount === null
      ? 'Leave blank to keep the Amount cell as it is.'
      : `Leave blank to keep ${formatAmount(card.amount)}.`;
  formError('won-error', '');
  byId<HTMLDialogElement>('won-dialog').showModal();
  date.focus();
}

function openLost(card: CardView, stage: StageView): void {
  const board = state.board!;
  state.dialog = { card, stage };
  byId('lost-title').textContent = `Mark as ${stage.name.toLowerCase()}`;
  byId('lost-deal').textContent = dealLine(card);
  byId<HTMLInputElement>('lost-reason').value = '';
  byId('lost-used').hidden = board.lostReasons.length === 0;
  byId('lost-reasons').replaceChildren(
    ...board.lostReasons.map((r) => el('option', { attrs: { value: r } })),
  );
  byId('lost-chips').replaceChildren(
    ...board.lostReasons.slice(0, 8).map((reason) => {
      const chip = el('button', { class: 'chip', text: reason, attrs: { type: 'button' } });
      chip.addEventListener('click', () => {
        byId<HTMLInputElement>('lost-reason').value = reason;
        byId('lost-submit').focus();
      });
      return chip;
    }),
  );
  formError('lost-error', '');
  byId<HTMLDialogElement>('lost-dialog').showModal();
  byId('lost-reason').focus();
}

function closeDialog(id: string): void {
  const dialog = byId<HTMLDialogElement>(id);
  if (dialog.open) dialog.close();
}

function wireDialogs(): void {
  for (const id of ['won-dialog', 'lost-dialog']) {
    const dialog = byId<HTMLDialogElement>(id);
    dialog.addEventListener('close', () => {
      const card = state.dialog?.card;
      state.dialog = null;
      if (card) focusCard(keyOf(card));
    });
    for (const button of dialog.querySelectorAll<HTMLButtonElement>('[data-cancel]')) {
      button.addEventListener('click', () => {
        closeDialog(id);
        setStatus('');
      });
    }
  }
  byId('won-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const open = state.dialog;
    if (!open || state.busy > 0) return;
    const text = byId<HTMLInputElement>('won-amount').value.trim();
    const amount = text === '' ? null : Number(text);
    if (amount !== null && !Number.isFinite(amount))
      return formError('won-error', 'The final amount must be a number.');
    const closedOn = byId<HTMLInputElement>('won-date').value;
    void send(open.card, open.stage.name, { closedOn, amount }).then((outcome) => finish('won', outcome));
  });
  byId('lost-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const open = state.dialog;
    if (!open || state.busy > 0) return;
    // The server checks the reason too (and says so when it is blank).
    const lostReason = byId<HTMLInputElement>('lost-reason').value;
    void send(open.card, open.stage.name, { lostReason }).then((outcome) => finish('lost', outcome));
  });
}

/** After a Won/Lost submit: done or the deal changed → close; refused → say why in the form. */
function finish(kind: 'won' | 'lost', outcome: Outcome): void {
  if (outcome.ok || outcome.final) {
    closeDialog(`${kind}-dialog`);
    return;
  }
  formError(`${kind}-error`, outcome.message);
  byId(kind === 'won' ? 'won-date' : 'lost-reason').focus();
}

// ---- the move menu (keyboard, and the ⋮ button for mouse and touch) ----

function closeMenu(refocus = true): void {
  const menu = byId('menu');
  if (menu.hidden) return;
  menu.hidden = true;
  const key = menu.dataset.key ?? '';
  menu.dataset.key = '';
  if (refocus && key) focusCard(key);
}

function openMenu(card: CardView, anchor: HTMLElement): void {
  const board = state.board;
  if (!board) return;
  const menu = byId('menu');
  const key = keyOf(card);
  menu.dataset.key = key;
  menu.setAttribute('aria-label', `Move ${card.name || card.id}`);
  const item = (label: string, action: () => void, extra = '', disabled = false): HTMLElement => {
    const button = el('button', {
      class: `menu-item ${extra}`,
      text: label,
      attrs: { type: 'button', role: 'menuitem', tabindex: '-1' },
    });
    if (disabled) button.setAttribute('aria-disabled', 'true');
    button.addEventListener('click', () => {
      if (disabled) return;
      closeMenu(false);
      action();
    });
    return button;
  };
  menu.replaceChildren(
    el('p', { class: 'menu-title', text: 'Move to', attrs: { role: 'presentation' } }),
    ...board.columns.map((column, i) =>
      item(
        i === card.column ? `${column.name} (current)` : column.name,
        () => moveTo(card, { kind: 'column', column: i }),
        i === card.column ? 'current' : '',
        i === card.column,
      ),
    ),
    ...board.outcomes.map((stage) =>
      item(
        `Mark ${stage.name.toLowerCase()}…`,
        () => moveTo(card, { kind: 'outcome', stage }),
        stage.outcome === 'Won' ? 'won' : 'lost',
      ),
    ),
    el('hr', { attrs: { role: 'separator' } }),
    item('Open in the sidebar', () => void openInSidebar(card)),
  );
  menu.hidden = false;
  const rect = anchor.getBoundingClientRect();
  const width = menu.offsetWidth;
  const height = menu.offsetHeight;
  const left = Math.min(Math.max(8, rect.left), window.innerWidth - width - 8);
  const below = rect.bottom + 4;
  const top = below + height > window.innerHeight - 8 ? Math.max(8, rect.top - height - 4) : below;
  menu.style.left = `${left}px`;
  menu.style.top = `${top}px`;
  const first = menu.querySelector<HTMLElement>('.menu-item:not([aria-disabled])');
  first?.focus();
}

function wireMenu(): void {
  const menu = byId('menu');
  menu.addEventListener('keydown', (event) => {
    const items = [...menu.querySelectorAll<HTMLElement>('.menu-item:not([aria-disabled])')];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      items[event.key === 'Home' ? 0 : items.length - 1]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      closeMenu();
    }
  });
  document.addEventListener('mousedown', (event) => {
    if (!menu.hidden && !menu.contains(event.target as Node)) closeMenu(false);
  });
}

// ---- keyboard on cards ----

function focusCard(key: string): void {
  const node = document.querySelector<HTMLElement>(`.card[data-key="${CSS.escape(key)}"]`);
  if (!node) return;
  for (const other of document.querySelectorAll<HTMLElement>('.card[tabindex="0"]')) other.tabIndex = -1;
  node.tabIndex = 0;
  state.focusKey = key;
  node.focus();
}

/** After a move: the keyboard focus goes back to the card (wherever it now is) unless it is elsewhere. */
function keepFocus(key: string): void {
  const active = document.activeElement;
  const lost = !active || active === document.body || byId('menu').contains(active);
  if (lost && !state.dialog) focusCard(key);
}

function cardsOf(column: Element | null): HTMLElement[] {
  return column ? [...column.querySelectorAll<HTMLElement>('.card')] : [];
}

function onCardKey(event: KeyboardEvent, node: HTMLElement): void {
  const card = cardByKey(node.dataset.key ?? '');
  if (!card) return;
  const column = node.closest('.column');
  const here = cardsOf(column);
  const at = here.indexOf(node);
  const columns = [...document.querySelectorAll('.column')];
  const ci = columns.indexOf(column as Element);
  let next: HTMLElement | undefined;
  switch (event.key) {
    case 'Enter':
    case ' ':
      event.preventDefault();
      openMenu(card, node);
      return;
    case 'ArrowDown':
      next = here[at + 1];
      break;
    case 'ArrowUp':
      next = here[at - 1];
      break;
    case 'ArrowRight':
    case 'ArrowLeft': {
      const step = event.key === 'ArrowRight' ? 1 : -1;
      for (let i = ci + step; i >= 0 && i < columns.length; i += step) {
        const cards = cardsOf(columns[i]!);
        if (cards.length > 0) {
          next = cards[Math.min(at, cards.length - 1)];
          break;
        }
      }
      break;
    }
    case 'Home':
      next = here[0];
      break;
    case 'End':
      next = here[here.length - 1];
      break;
    default:
      return;
  }
  event.preventDefault();
  if (next?.dataset.key) focusCard(next.dataset.key);
}

// ---- open in the sidebar ----

async function openInSidebar(card: CardView): Promise<void> {
  setBusy(true);
  try {
    await call('boardOpenDeal', refOf(card));
    setStatus(`Opened "${card.name || card.id}" in the sidebar.`, 'ok');
  } catch (error) {
    setStatus((error as Error).message, 'error');
  } finally {
    setBusy(false);
  }
}

// ---- drag and drop (HTML5) ----

function targetOf(node: HTMLElement): Target | null {
  const drop = node.closest<HTMLElement>('[data-drop]')?.dataset.drop ?? '';
  if (drop.startsWith('col:')) return { kind: 'column', column: Number(drop.slice(4)) };
  if (drop.startsWith('stage:')) {
    const stage = state.board?.outcomes.find((s) => s.name === drop.slice(6));
    return stage ? { kind: 'outcome', stage } : null;
  }
  return null;
}

function clearOver(): void {
  for (const node of document.querySelectorAll('.over')) node.classList.remove('over');
}

function wireBoard(): void {
  const root = byId('board');
  root.addEventListener('dragstart', (event) => {
    const node = (event.target as HTMLElement).closest<HTMLElement>('.card');
    if (!node?.dataset.key || state.busy > 0) {
      event.preventDefault();
      return;
    }
    state.drag = node.dataset.key;
    closeMenu(false);
    event.dataTransfer?.setData('text/plain', node.dataset.key);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
    node.classList.add('dragging');
    document.body.classList.add('dragging');
  });
  root.addEventListener('dragend', () => {
    state.drag = null;
    clearOver();
    document.body.classList.remove('dragging');
    for (const node of document.querySelectorAll('.card.dragging')) node.classList.remove('dragging');
  });
  root.addEventListener('dragover', (event) => {
    if (!state.drag) return;
    const zone = (event.target as HTMLElement).closest<HTMLElement>('[data-drop]');
    if (!zone) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    if (!zone.classList.contains('over')) {
      clearOver();
      zone.classList.add('over');
    }
  });
  root.addEventListener('dragleave', (event) => {
    const zone = (event.target as HTMLElement).closest<HTMLElement>('[data-drop]');
    if (zone && !zone.contains(event.relatedTarget as Node)) zone.classList.remove('over');
  });
  root.addEventListener('drop', (event) => {
    event.preventDefault();
    clearOver();
    const key = state.drag || event.dataTransfer?.getData('text/plain') || '';
    state.drag = null;
    document.body.classList.remove('dragging');
    const card = cardByKey(key);
    const target = targetOf(event.target as HTMLElement);
    if (card && target) moveTo(card, target);
  });
  root.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    const more = target.closest<HTMLElement>('[data-more]');
    if (more) return showMore(Number(more.dataset.more));
    const node = target.closest<HTMLElement>('.card');
    const card = node && cardByKey(node.dataset.key ?? '');
    if (!node || !card) return;
    if (target.closest('.card-menu')) {
      event.stopPropagation();
      return openMenu(card, target.closest<HTMLElement>('.card-menu')!);
    }
    focusCard(keyOf(card));
    void openInSidebar(card);
  });
  root.addEventListener('keydown', (event) => {
    const node = event.target as HTMLElement;
    if (node.classList.contains('card')) onCardKey(event, node);
  });
}

// ---- filters and refresh ----

function wireFilters(): void {
  const owner = byId<HTMLSelectElement>('owner');
  owner.addEventListener('change', () => {
    state.owner = owner.value;
    state.shown.clear();
    render();
  });
  const search = byId<HTMLInputElement>('search');
  search.addEventListener('input', () => {
    state.search = search.value;
    state.shown.clear();
    render();
  });
  byId('refresh').addEventListener('click', () => void refresh(true));
}

async function refresh(explicit = false): Promise<void> {
  setBusy(true);
  try {
    const synced = await load(explicit);
    if (explicit && synced === 0) setStatus('The board is up to date.', 'ok');
  } catch (error) {
    setStatus((error as Error).message, 'error');
  } finally {
    setBusy(false);
  }
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Refreshes while open (not while the user is in the middle of something). */
function poll(): void {
  clearTimeout(timer);
  const idle = state.busy === 0 && !state.drag && !state.dialog && byId('menu').hidden && !document.hidden;
  const next = () => {
    timer = setTimeout(poll, POLL_MS);
  };
  if (idle) void refresh().then(next);
  else next();
}

wireBoard();
wireMenu();
wireDialogs();
wireFilters();
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) poll();
});
// Back from the sheet (the dialog is modeless): show what changed there.
window.addEventListener('focus', () => poll());
poll();
