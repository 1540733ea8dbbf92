/**
 * The Alert settings dialog (Pipeline › Alerts › Alert settings…). It asks the server for the
 * alerts' state (alertSettingsView) on load, so no data is ever interpolated into the HTML; Turn
 * on / Save / Take over / Turn off send the form to saveAlertSettings, which validates it, and
 * the answer's message is shown as text. Every value reaches the page as textContent or a DOM
 * property, never as HTML.
 */
import { byId, el, show } from '../clients/dom';
import { formatHour } from '../src/core/alerts/settings';
import { WEEKDAYS } from '../src/core/report/schedule';
import { type Args, call, type Result } from './bridge';

type View = Result<'alertSettingsView'>;
type Answer = Result<'saveAlertSettings'>;
type Action = Args<'saveAlertSettings'>[0]['action'];

const hour = byId<HTMLSelectElement>('hour');
const manager = byId<HTMLInputElement>('manager');
const reportDay = byId<HTMLSelectElement>('reportDay');
const reportToOwners = byId<HTMLInputElement>('reportToOwners');
const buttons = (): HTMLButtonElement[] => Array.from(document.querySelectorAll('button[data-action]'));

function options(select: HTMLSelectElement, labels: readonly string[], selected: number): void {
  select.replaceChildren(
    ...labels.map((label, i) => el('option', { text: label, attrs: { value: String(i) } })),
  );
  select.value = String(selected);
}

function message(text: string, kind: 'ok' | 'error' | 'info'): void {
  const node = byId('message');
  node.textContent = text;
  node.className = `status ${kind}`;
  node.hidden = text === '';
}

function busy(on: boolean): void {
  show('busy', on);
  for (const button of buttons()) button.disabled = on;
}

/** Which buttons show: Turn on (off), Save / Turn off (mine), Take over / Turn off (someone else's). */
function showButtons(on: boolean, mine: boolean): void {
  show('when-off', !on);
  show('when-mine', on && mine);
  show('when-other', on && !mine);
}

function render(view: View): void {
  byId('status').textContent = view.status;
  const takeover = byId('takeover');
  takeover.textContent =
    view.on && !view.mine
      ? `They run as ${view.owner}. Take over to run them as you (at the hour below); ${view.owner}'s daily check then stops.`
      : '';
  takeover.hidden = !(view.on && !view.mine);
  byId('hour-label').textContent = `Run the daily check at (${view.timeZone})`;
  options(
    hour,
    Array.from({ length: 24 }, (_, h) => formatHour(h)),
    view.hour,
  );
  manager.value = view.manager;
  options(reportDay, WEEKDAYS, view.reportDay);
  reportToOwners.checked = view.reportToOwners;
  byId('last').textContent = view.lastRun;
  showButtons(view.on, view.mine);
  show('form', true);
}

function answered(answer: Answer): void {
  message(answer.message, answer.ok ? 'ok' : 'error');
  if (answer.status) byId('status').textContent = answer.status;
  if (answer.ok) {
    showButtons(answer.on, answer.mine);
    // After a change the alerts run as this user or not at all: nobody else to take over from.
    if (!(answer.on && !answer.mine)) show('takeover', false);
  }
}

async function send(action: Action): Promise<void> {
  message('Saving…', 'info');
  busy(true);
  try {
    answered(
      await call('saveAlertSettings', {
        action,
        hour: hour.value,
        manager: manager.value,
        reportDay: reportDay.value,
        reportToOwners: reportToOwners.checked,
      }),
    );
  } catch (error) {
    message(error instanceof Error ? error.message : String(error), 'error');
  } finally {
    busy(false);
  }
}

async function load(): Promise<void> {
  busy(true);
  try {
    render(await call('alertSettingsView'));
  } catch (error) {
    byId('status').textContent = 'The alert settings could not be loaded.';
    message(error instanceof Error ? error.message : String(error), 'error');
  } finally {
    busy(false);
  }
}

for (const button of buttons()) {
  button.addEventListener('click', () => {
    void send(button.dataset.action as Action);
  });
}
void load();
