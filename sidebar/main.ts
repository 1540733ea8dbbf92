/**
 * The Pipeline sidebar: follows the selected row (a cheap poll), shows the deal, and moves,
 * edits and snoozes it through the typed bridge. Deal text is only ever set as textContent.
 */

import { byId, el, setText, show } from '../clients/dom';
import { addDays, formatAmount, formatDay, formatDays, formatPercent } from '../clients/format';
import type {
  AmountInput,
  DealChanges,
  DealRef,
  DealView,
  HistoryItemView,
  SelectionView,
  StageOddsView,
  StageView,
  WriteResult,
} from '../src/core/moves/types';
import { parseAmountInput } from '../src/core/moves/validate';
import { call } from './bridge';

const POLL_MS = 1500;

type DealSelection = Extract<SelectionView, { kind: 'deal' }>;
/** The details the sidebar sends: the Amount as typed. */
type AmountChanges = Omit<DealChanges, 'amount'> & { amount?: AmountInput };

const state: {
  view: DealSelection | null;
  lastJson: string;
  identity: string;
  stagesKey: string;
  historyKey: string;
  busy: number;
  reasons: string[] | null;
  /** Each open stage's set and historical win rate (loaded with the history, cached by the server). */
  odds: StageOddsView[] | null;
} = {
  view: null,
  lastJson: '',
  identity: '',
  stagesKey: '',
  historyKey: '',
  busy: 0,
  reasons: null,
  odds: null,
};

// ---- status and busy ----

function setStatus(message: string, kind: 'ok' | 'error' | 'info' = 'info'): void {
  const status = byId('status');
  status.textContent = message;
  status.className = `status ${kind}`;
  status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  status.hidden = message === '';
}

function setBusy(on: boolean, label = 'Saving…'): void {
  state.busy += on ? 1 : -1;
  const busy = state.busy > 0;
  byId('busy').hidden = !busy;
  byId('app').setAttribute('aria-busy', String(busy));
  for (const button of document.querySelectorAll<HTMLButtonElement>('button')) {
    if (busy) {
      if (!button.disabled) button.dataset.busyDisabled = '1';
      button.disabled = true;
    } else if (button.dataset.busyDisabled) {
      delete button.dataset.busyDisabled;
      button.disabled = false;
    }
  }
  if (busy && label) setStatus(label, 'info');
}

// ---- rendering ----

const identityOf = (deal: DealView) => `${deal.id}|${deal.id ? '' : `${deal.row}|${deal.name}`}`;

function render(view: SelectionView): void {
  const json = JSON.stringify(view);
  if (json === state.lastJson) return;
  state.lastJson = json;
  if (view.kind === 'none') {
    state.view = null;
    state.identity = '';
    setText('empty-text', view.message);
    show('empty', true);
    show('deal', false);
    return;
  }
  const previous = state.view;
  state.view = view;
  show('empty', false);
  show('deal', true);
  const deal = view.deal;
  const identity = identityOf(deal);
  const newDeal = identity !== state.identity;
  state.identity = identity;
  const closed = isClosed(deal);
  // A closed deal offers what makes sense for it: its closed details and a way to reopen it.
  show('stage-card', !closed);
  show('details-card', !closed);
  show('snooze-card', !closed);
  show('closed-card', closed);
  show('reopen-card', closed);
  renderFacts(view);
  renderPipeline(view);
  renderReopen(view, newDeal);
  if (newDeal) {
    closeForms();
    fillDetails(deal, true);
    fillClosed(view, true);
    fillSnooze(view, true);
    if (previous) setStatus('');
  } else {
    fillDetails(deal, false);
    fillClosed(view, false);
    fillSnooze(view, false);
  }
  const historyKey = `${identity}|${deal.stage}|${deal.stageEntered}`;
  if (historyKey !== state.historyKey) {
    state.historyKey = historyKey;
    void loadHistory(deal);
    void loadOdds();
  }
  renderOdds(view);
}

async function loadOdds(): Promise<void> {
  try {
    state.odds = await call('sidebarStageOdds');
    if (state.view) renderOdds(state.view);
  } catch {
    // The comparison is extra: without it the deal is still shown and can be moved.
    state.odds = null;
  }
}

/** The deal's stage: its set probability and its historical win rate, side by side. */
function renderOdds(view: DealSelection): void {
  const deal = view.deal;
  const odds = state.odds?.find((o) => o.stage === deal.stageName) ?? null;
  show('f-odds-row', odds !== null && !isClosed(deal));
  if (!odds) return;
  setText('f-odds-set', formatPercent(odds.set));
  setText('f-odds-history', odds.historical === null ? '—' : formatPercent(odds.historical));
  const won = odds.historical === null ? 0 : Math.round(odds.historical * odds.closedDeals);
  setText(
    'f-odds-basis',
    odds.historical === null
      ? `No closed deal has reached ${odds.stage} yet: History has nothing to say.`
      : `${won} of the ${odds.closedDeals} closed ${odds.closedDeals === 1 ? 'deal' : 'deals'} that reached ${odds.stage} ${won === 1 ? 'was' : 'were'} won.`,
  );
}

const isClosed = (deal: DealView): boolean => deal.outcome === 'Won' || deal.outcome === 'Lost';

function renderFacts(view: DealSelection): void {
  const deal = view.deal;
  const closed = isClosed(deal);
  setText('deal-name', deal.name || deal.id || `Row ${deal.row}`);
  setText('deal-sub', [deal.company, deal.owner].filter(Boolean).join(' · ') || `Row ${deal.row}`);
  const pill = byId('stage-pill');
  pill.textContent =
    deal.stageName ?? (deal.stage ? `${deal.stage}: unknown stage — pick one` : 'No stage — pick one');
  pill.className = `pill ${deal.outcome === 'Won' ? 'good' : deal.outcome === 'Lost' ? 'bad' : deal.stageName ? '' : 'warn'}`;
  setText(
    'days-pill',
    closed
      ? deal.closed
        ? `Closed ${formatDay(deal.closed)}`
        : 'No Closed date'
      : deal.daysInStage === null
        ? 'Days in stage unknown'
        : `${formatDays(deal.daysInStage)} in stage`,
  );
  const snoozed = !closed && deal.snoozedUntil !== null && deal.snoozedUntil > view.today;
  show('snooze-pill', snoozed);
  if (snoozed) setText('snooze-pill', `Snoozed until ${formatDay(deal.snoozedUntil)}`);
  show('stalled-pill', !closed && deal.stalledSince !== null);
  if (deal.stalledSince) setText('stalled-pill', `Stalled since ${formatDay(deal.stalledSince)}`);

  // A closed deal: its outcome's facts, not an open deal's (no probability, no expected close).
  setText('f-amount-label', deal.outcome === 'Won' ? 'Final amount' : 'Amount');
  show('f-probability-row', !closed);
  show('f-close-row', !closed);
  show('f-next-row', !closed);
  show('f-closed-row', closed || deal.closed !== null);
  show('f-reason-row', deal.outcome === 'Lost' || deal.lostReason !== '');
  setText('f-amount', formatAmount(deal.amount, deal.amountText));
  setText(
    'f-probability',
    deal.probability !== null
      ? formatPercent(deal.probability)
      : deal.effectiveProbability !== null
        ? `${formatPercent(deal.effectiveProbability)} (stage)`
        : '—',
  );
  setText('f-activity', formatDay(deal.lastActivity));
  setText('f-close', formatDay(deal.expectedClose));
  setText('f-next', deal.nextStep || '—');
  setText('f-closed', deal.closed ? formatDay(deal.closed) : 'Not set');
  setText('f-reason', deal.lostReason || 'None given');
  setText('f-next-date', formatDay(deal.nextStepDate));
}

function stageButton(stage: StageView, deal: DealView, index: number, position: number): HTMLElement {
  const current = deal.stageName === stage.name;
  // Stages before the current one are drawn as passed; a won deal passed them all.
  const passed = deal.outcome === 'Won' || (position >= 0 && index < position);
  const button = el(
    'button',
    {
      class: `stage${current ? ' current' : ''}${passed ? ' passed' : ''}`,
      attrs: { type: 'button', 'data-stage': stage.name },
    },
    el('span', { class: 'dot', attrs: { 'aria-hidden': 'true' } }),
    el('span', { class: 'name', text: stage.name }),
    el('span', { class: 'prob', text: formatPercent(stage.probability) }),
  );
  if (current) {
    button.setAttribute('aria-current', 'step');
    button.setAttribute('aria-disabled', 'true');
    button.title = 'The current stage';
  } else {
    button.title = `Move to ${stage.name}`;
  }
  button.addEventListener('click', () => {
    if (!current) chooseStage(stage);
  });
  return el('li', {}, button);
}

function renderPipeline(view: DealSelection): void {
  const list = byId('pipeline');
  const outcomes = byId('outcomes');
  const focused =
    document.activeElement instanceof HTMLElement ? document.activeElement.dataset.stage : undefined;
  const open = view.stages.filter((s) => s.outcome === 'Open');
  const position = open.findIndex((s) => s.name === view.deal.stageName);
  // A Stage cell that names no stage (typed `Closing`): say so and ask for one.
  const unknown = view.deal.stageName === null;
  show('stage-unknown', unknown);
  show('stage-hint', !unknown);
  if (unknown) {
    setText(
      'stage-unknown',
      view.deal.stage
        ? `"${view.deal.stage}" is not a stage of this pipeline. Pick one to move the deal there.`
        : 'This deal has no stage. Pick one to move the deal there.',
    );
  }
  list.replaceChildren(...open.map((s, i) => stageButton(s, view.deal, i, position)));
  outcomes.replaceChildren(
    ...view.stages
      .filter((s) => s.outcome !== 'Open')
      .map((s) => {
        const current = view.deal.stageName === s.name;
        const button = el('button', {
          class: `btn outcome ${s.outcome === 'Won' ? 'won' : 'lost'}${current ? ' current' : ''}`,
          text: current ? `${s.name} ✓` : `Mark ${s.name.toLowerCase()}`,
          attrs: { type: 'button', 'data-stage': s.name },
        });
        if (current) button.setAttribute('aria-current', 'step');
        button.addEventListener('click', () => {
          if (!current) chooseStage(s);
        });
        return button;
      }),
  );
  // Re-rendering must not steal the keyboard focus.
  if (focused) document.querySelector<HTMLElement>(`[data-stage="${CSS.escape(focused)}"]`)?.focus();
}

function fillDetails(deal: DealView, force: boolean): void {
  const form = byId<HTMLFormElement>('details-form');
  if (!force && form.dataset.dirty === '1') return;
  byId<HTMLTextAreaElement>('d-next').value = deal.nextStep;
  byId<HTMLInputElement>('d-close').value = deal.expectedClose ?? '';
  byId<HTMLInputElement>('d-next-date').value = deal.nextStepDate ?? '';
  // An Amount cell the sheet cannot read shows as typed, so it is never blanked by accident.
  byId<HTMLInputElement>('d-amount').value = amountShown(deal);
  byId('d-amount').removeAttribute('aria-invalid');
  const probability = byId<HTMLInputElement>('d-probability');
  probability.value = deal.probability === null ? '' : String(Math.round(deal.probability * 10000) / 100);
  probability.placeholder =
    deal.effectiveProbability === null ? '' : `${Math.round(deal.effectiveProbability * 1000) / 10} (stage)`;
  form.dataset.dirty = '';
  const fields = new Set(state.view?.fields ?? []);
  const enable = (id: string, field: string) => {
    const input = byId<HTMLInputElement>(id);
    input.disabled = !fields.has(field as never);
    input.title = input.disabled ? 'The deals sheet has no column for this' : '';
  };
  enable('d-next', 'nextStep');
  enable('d-close', 'expectedClose');
  enable('d-next-date', 'nextStepDate');
  enable('d-amount', 'amount');
  enable('d-probability', 'probability');
}

/** The Amount field's text for a deal: its number, or the cell's text when unreadable. */
function amountShown(deal: DealView): string {
  return deal.amount === null ? deal.amountText : String(deal.amount);
}

/** Reads an amount field as the server will; on a bad value says why and marks the field. */
function amountField(id: string, label: string): { value: number | null; text: string } | null {
  const input = byId<HTMLInputElement>(id);
  const read = parseAmountInput(input.value, label);
  if ('error' in read) {
    input.setAttribute('aria-invalid', 'true');
    setStatus(read.error, 'error');
    input.focus();
    return null;
  }
  input.removeAttribute('aria-invalid');
  return { value: read.value, text: input.value.trim() };
}

/** The closed details form (Closed date, final amount, lost reason) of a won or lost deal. */
function fillClosed(view: DealSelection, force: boolean): void {
  const deal = view.deal;
  const form = byId<HTMLFormElement>('closed-form');
  const lost = deal.outcome === 'Lost';
  const missingReason = lost && deal.lostReason.trim() === '';
  show('closed-ask', missingReason);
  show('c-reason-box', lost);
  setText('c-amount-label', lost ? 'Amount' : 'Final amount');
  if (!isClosed(deal) || (!force && form.dataset.dirty === '1')) return;
  const closedInput = byId<HTMLInputElement>('c-closed');
  closedInput.value = deal.closed ?? '';
  closedInput.max = view.today;
  byId<HTMLInputElement>('c-amount').value = amountShown(deal);
  byId('c-amount').removeAttribute('aria-invalid');
  byId<HTMLInputElement>('c-reason').value = deal.lostReason;
  if (missingReason) byId('c-reason').setAttribute('aria-invalid', 'true');
  else byId('c-reason').removeAttribute('aria-invalid');
  form.dataset.dirty = '';
  const fields = new Set(view.fields);
  closedInput.disabled = !fields.has('closed');
  byId<HTMLInputElement>('c-amount').disabled = !fields.has('amount');
  byId<HTMLInputElement>('c-reason').disabled = !fields.has('lostReason');
  if (lost && force) void loadReasons('c-chips', 'c-reason', 'closed-save');
}

/** Reopen: the open stages, the one the deal closed from first when History shows it. */
function renderReopen(view: DealSelection, force: boolean): void {
  if (!isClosed(view.deal)) return;
  const select = byId<HTMLSelectElement>('reopen-stage');
  const open = view.stages.filter((s) => s.outcome === 'Open').map((s) => s.name);
  if (!force && select.dataset.stages === open.join('\n')) return;
  select.dataset.stages = open.join('\n');
  select.replaceChildren(...open.map((name) => el('option', { text: name, attrs: { value: name } })));
}

function fillSnooze(view: DealSelection, force: boolean): void {
  const input = byId<HTMLInputElement>('snooze-date');
  input.min = addDays(view.today, 1);
  if (force || !input.value) input.value = addDays(view.today, 7);
  const hasColumn = view.fields.includes('snoozedUntil');
  input.disabled = !hasColumn;
  byId<HTMLButtonElement>('snooze-submit').disabled = !hasColumn || state.busy > 0;
  show('snooze-end', view.deal.snoozedUntil !== null && view.deal.snoozedUntil > view.today);
}

async function loadHistory(deal: DealView): Promise<void> {
  const key = state.historyKey;
  try {
    const items = await call('sidebarHistory', deal.id, deal.name);
    if (key === state.historyKey) {
      renderHistory(items);
      const last = items[0];
      const select = byId<HTMLSelectElement>('reopen-stage');
      if (last && last.to === deal.stageName && [...select.options].some((o) => o.value === last.from)) {
        select.value = last.from;
      }
    }
  } catch (error) {
    setStatus(`Could not load the stage history: ${(error as Error).message}`, 'error');
  }
}

function renderHistory(items: readonly HistoryItemView[]): void {
  byId('history').replaceChildren(
    ...items.map((item) =>
      el(
        'li',
        {},
        el('span', { class: 'when', text: formatDay(item.when) }),
        el('span', { class: 'move', text: `${item.from || 'New'} → ${item.to}` }),
        el(
          'span',
          { class: 'meta' },
          [
            item.days !== null ? `${formatDays(item.days)} in ${item.from || 'stage'}` : '',
            item.by,
            `via ${item.via}`,
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      ),
    ),
  );
  show('history-empty', items.length === 0);
}

// ---- actions ----

function ref(): DealRef | null {
  const deal = state.view?.deal;
  if (!deal) return null;
  return { id: deal.id, row: deal.row, name: deal.name, expectedStage: deal.stage };
}

function closeForms(): void {
  show('won-form', false);
  show('lost-form', false);
}

function chooseStage(stage: StageView): void {
  const view = state.view;
  if (!view || state.busy > 0) return;
  closeForms();
  if (stage.outcome === 'Won') {
    byId<HTMLInputElement>('won-date').value = view.today;
    byId<HTMLInputElement>('won-date').max = view.today;
    const amount = byId<HTMLInputElement>('won-amount');
    amount.value = '';
    amount.placeholder = view.deal.amount === null ? '' : String(view.deal.amount);
    amount.disabled = !view.fields.includes('amount');
    setText(
      'won-amount-hint',
      view.deal.amount === null
        ? 'Leave blank to keep the Amount cell as it is.'
        : `Leave blank to keep ${formatAmount(view.deal.amount)}.`,
    );
    byId('won-form').dataset.stage = stage.name;
    show('won-form', true);
    byId('won-date').focus();
  } else if (stage.outcome === 'Lost') {
    byId<HTMLInputElement>('lost-reason').value = '';
    byId('lost-form').dataset.stage = stage.name;
    show('lost-form', true);
    byId('lost-reason').focus();
    void loadReasons('lost-chips', 'lost-reason', 'lost-submit');
  } else {
    const r = ref();
    if (r) void write(() => call('sidebarMove', { ...r, toStage: stage.name }), `Moving to ${stage.name}…`);
  }
}

async function loadReasons(chipsId: string, inputId: string, submitId: string): Promise<void> {
  if (!state.reasons) {
    try {
      state.reasons = await call('sidebarLostReasons');
    } catch (error) {
      setStatus(`Could not load the lost reasons used before: ${(error as Error).message}`, 'error');
      return;
    }
  }
  const reasons = state.reasons ?? [];
  byId('lost-reasons').replaceChildren(...reasons.map((r) => el('option', { attrs: { value: r } })));
  byId(chipsId).replaceChildren(
    ...reasons.slice(0, 8).map((r) => {
      const chip = el('button', { class: 'chip', text: r, attrs: { type: 'button' } });
      chip.addEventListener('click', () => {
        byId<HTMLInputElement>(inputId).value = r;
        byId(inputId).closest('form')?.setAttribute('data-dirty', '1');
        byId(submitId).focus();
      });
      return chip;
    }),
  );
}

/** Runs a write: busy state, the result's message in words, the deal as it is now. */
async function write(action: () => Promise<WriteResult>, label: string): Promise<boolean> {
  setBusy(true, label);
  let ok = false;
  try {
    const result = await action();
    ok = result.ok;
    setStatus(result.message, result.ok ? 'ok' : 'error');
    if (result.deal && state.view) {
      const identity = identityOf(result.deal);
      if (identity !== state.identity) state.identity = identity; // an ID was just assigned
      byId<HTMLFormElement>('details-form').dataset.dirty = '';
      byId<HTMLFormElement>('closed-form').dataset.dirty = '';
      render({ ...state.view, deal: result.deal });
    } else {
      await refresh();
    }
  } catch (error) {
    setStatus((error as Error).message, 'error');
  } finally {
    setBusy(false, '');
  }
  return ok;
}

function numberOrNull(id: string, scale = 1): number | null | 'bad' {
  const input = byId<HTMLInputElement>(id);
  const text = input.value.trim();
  if (text === '') return input.validity.badInput ? 'bad' : null;
  const value = Number(text);
  return Number.isFinite(value) ? value / scale : 'bad';
}

function wireForms(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-cancel]')) {
    button.addEventListener('click', () => {
      closeForms();
      setStatus('');
    });
  }
  byId('won-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const r = ref();
    if (!r) return;
    // The text goes to the server as typed: it reads it again with the same rules.
    const amount = amountField('won-amount', 'The final amount');
    if (!amount) return;
    const stage = byId('won-form').dataset.stage ?? 'Won';
    void write(
      () =>
        call('sidebarMove', {
          ...r,
          toStage: stage,
          closedOn: byId<HTMLInputElement>('won-date').value,
          amount: amount.text === '' ? null : amount.text,
        }),
      'Marking won…',
    ).then((ok) => ok && closeForms());
  });
  byId('lost-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const r = ref();
    if (!r) return;
    const stage = byId('lost-form').dataset.stage ?? 'Lost';
    // The server checks the reason too (and says so when it is blank).
    void write(
      () =>
        call('sidebarMove', {
          ...r,
          toStage: stage,
          lostReason: byId<HTMLInputElement>('lost-reason').value,
        }),
      'Marking lost…',
    ).then((ok) => {
      if (ok) {
        closeForms();
        state.reasons = null;
      } else if (!byId('lost-form').hidden) {
        byId('lost-reason').focus();
      }
    });
  });

  const details = byId<HTMLFormElement>('details-form');
  details.addEventListener('input', () => {
    details.dataset.dirty = '1';
  });
  byId('details-reset').addEventListener('click', () => {
    if (state.view) fillDetails(state.view.deal, true);
    setStatus('');
  });
  details.addEventListener('submit', (event) => {
    event.preventDefault();
    const view = state.view;
    const r = ref();
    if (!view || !r) return;
    const deal = view.deal;
    const probability = numberOrNull('d-probability', 100);
    if (probability === 'bad' || (probability !== null && (probability < 0 || probability > 1))) {
      // The field is in %; the server takes a fraction, so check the range here in the user's terms.
      return setStatus('Probability must be a number from 0 to 100.', 'error');
    }
    const changes: { -readonly [K in keyof AmountChanges]: AmountChanges[K] } = {};
    const seen: { -readonly [K in keyof DealChanges]: DealChanges[K] } = {};
    const next = byId<HTMLTextAreaElement>('d-next').value;
    const close = byId<HTMLInputElement>('d-close').value;
    const nextDate = byId<HTMLInputElement>('d-next-date').value;
    const fields = new Set(view.fields);
    if (fields.has('nextStep') && next !== deal.nextStep) {
      changes.nextStep = next;
      seen.nextStep = deal.nextStep;
    }
    if (fields.has('nextStepDate') && nextDate !== (deal.nextStepDate ?? '')) {
      changes.nextStepDate = nextDate;
      seen.nextStepDate = deal.nextStepDate ?? '';
    }
    if (fields.has('expectedClose') && close !== (deal.expectedClose ?? '')) {
      changes.expectedClose = close;
      seen.expectedClose = deal.expectedClose ?? '';
    }
    const amountText = byId<HTMLInputElement>('d-amount').value;
    if (fields.has('amount') && amountText.trim() !== amountShown(deal).trim()) {
      // Only an Amount the user changed is sent; only an emptied field clears the cell.
      const amount = amountField('d-amount', 'Amount');
      if (!amount) return;
      if (!sameNumber(amount.value, deal.amount)) {
        changes.amount = amount.text === '' ? null : amount.text;
        seen.amount = deal.amount;
      }
    }
    if (fields.has('probability') && !sameNumber(probability, deal.probability)) {
      changes.probability = probability;
      seen.probability = deal.probability;
    }
    if (Object.keys(changes).length === 0) return setStatus('Nothing to save: no field was changed.', 'info');
    void write(() => call('sidebarUpdate', { ...r, changes, seen }), 'Saving details…');
  });

  const closedForm = byId<HTMLFormElement>('closed-form');
  closedForm.addEventListener('input', () => {
    closedForm.dataset.dirty = '1';
  });
  byId('closed-reset').addEventListener('click', () => {
    if (state.view) fillClosed(state.view, true);
    setStatus('');
  });
  closedForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const view = state.view;
    const r = ref();
    if (!view || !r || !isClosed(view.deal)) return;
    const deal = view.deal;
    const fields = new Set(view.fields);
    const changes: { -readonly [K in keyof AmountChanges]: AmountChanges[K] } = {};
    const seen: { -readonly [K in keyof DealChanges]: DealChanges[K] } = {};
    const closedOn = byId<HTMLInputElement>('c-closed').value;
    if (fields.has('closed') && closedOn !== (deal.closed ?? '')) {
      if (closedOn === '') return setStatus('A won or lost deal needs a Closed date.', 'error');
      changes.closed = closedOn;
      seen.closed = deal.closed ?? '';
    }
    const amountText = byId<HTMLInputElement>('c-amount').value;
    if (fields.has('amount') && amountText.trim() !== amountShown(deal).trim()) {
      const amount = amountField('c-amount', deal.outcome === 'Won' ? 'The final amount' : 'Amount');
      if (!amount) return;
      if (!sameNumber(amount.value, deal.amount)) {
        changes.amount = amount.text === '' ? null : amount.text;
        seen.amount = deal.amount;
      }
    }
    const reason = byId<HTMLInputElement>('c-reason').value;
    if (deal.outcome === 'Lost' && fields.has('lostReason') && reason !== deal.lostReason) {
      if (reason.trim() === '') {
        byId('c-reason').focus();
        return setStatus('A reason is required for a lost deal.', 'error');
      }
      changes.lostReason = reason;
      seen.lostReason = deal.lostReason;
    }
    if (Object.keys(changes).length === 0) return setStatus('Nothing to save: no field was changed.', 'info');
    void write(() => call('sidebarUpdate', { ...r, changes, seen }), 'Saving the closed details…').then(
      (ok) => {
        if (ok && changes.lostReason) state.reasons = null;
      },
    );
  });
  byId('reopen-submit').addEventListener('click', () => {
    const r = ref();
    const stage = byId<HTMLSelectElement>('reopen-stage').value;
    if (!r || !stage) return;
    void write(() => call('sidebarMove', { ...r, toStage: stage }), `Reopening in ${stage}…`);
  });

  byId('snooze-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const r = ref();
    if (!r) return;
    const until = byId<HTMLInputElement>('snooze-date').value;
    if (!until) return setStatus('Pick a day to snooze until.', 'error');
    void write(() => call('sidebarSnooze', { ...r, until }), 'Snoozing…');
  });
  byId('snooze-end').addEventListener('click', () => {
    const r = ref();
    if (r) void write(() => call('sidebarSnooze', { ...r, until: '' }), 'Ending the snooze…');
  });
}

function sameNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) < 1e-9;
}

// ---- the selection poll ----

async function refresh(): Promise<void> {
  const view = await call('sidebarSelection');
  render(view);
}

let timer: ReturnType<typeof setTimeout> | undefined;

async function poll(): Promise<void> {
  clearTimeout(timer);
  if (state.busy === 0 && !document.hidden) {
    try {
      await refresh();
      const status = byId('status');
      if (status.dataset.poll === '1') {
        status.dataset.poll = '';
        setStatus('');
      }
    } catch (error) {
      setStatus((error as Error).message, 'error');
      byId('status').dataset.poll = '1';
    }
  }
  timer = setTimeout(() => void poll(), POLL_MS);
}

wireForms();
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) void poll();
});
void poll();
