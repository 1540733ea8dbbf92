/**
 * The playground page: the workbook as a grid with sheet tabs, the add-on's Pipeline menu, its
 * sidebar and dialogs in iframes, the Outbox, and the clock buttons. It polls the server for the
 * state version and redraws what changed. Every piece of workbook or email text is set with
 * textContent.
 */
import { cellA1, columnToLetters } from '../../host/a1';
import type { MenuView, PageState as ServerState, SheetView } from '../app';
import { chartExtent, drawCharts } from './charts';

/** What GET /api/state answers: the playground's state, and whether --save was given. */
type PageState = ServerState & { canSave: boolean };

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls?: string,
  text?: string,
): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
};

let sheet: SheetView | null = null;
let current = '';
let selected = { row: 2, col: 2 };
let shownKey = '';
let sidebarVersion = -1;
let dialogVersion = -1;
let busy = 0;

async function api<T>(route: string, body?: unknown): Promise<T> {
  const res = await fetch(
    route,
    body === undefined
      ? { cache: 'no-store' }
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  return (await res.json()) as T;
}

async function act(route: string, body: unknown = {}): Promise<void> {
  busy++;
  document.body.style.cursor = 'progress';
  try {
    await api(route, body);
  } finally {
    busy--;
    if (busy === 0) document.body.style.cursor = '';
  }
  await refresh(true);
}

// ---- grid ----

function columnWidths(view: SheetView): number[] {
  const widths: number[] = [];
  for (let c = 0; c < view.cols; c++) {
    let longest = 0;
    for (let r = 0; r < Math.min(view.rows, 200); r++) {
      const cell = view.cells[r]?.[c];
      if (cell && !(r > 0 && view.frozenRows === 0 && cell.t.length > 40))
        longest = Math.max(longest, cell.t.length);
    }
    widths.push(Math.max(64, Math.min(240, longest * 7.5 + 14)));
  }
  return widths;
}

function drawGrid(view: SheetView): void {
  const table = $('grid') as HTMLTableElement;
  const wrap = $('grid-wrap');
  const scroll = { top: wrap.scrollTop, left: wrap.scrollLeft };
  const same = table.dataset.sheet === view.name;
  table.replaceChildren();
  table.dataset.sheet = view.name;
  const reach = chartExtent(view.charts);
  const cols = Math.max(view.cols + 2, 8, reach.cols);
  const rows = Math.max(view.rows + 5, 30, reach.rows);
  const widths = columnWidths(view);
  const colgroup = el('colgroup');
  colgroup.append(Object.assign(el('col'), { style: 'width:46px' }));
  for (let c = 0; c < cols; c++) {
    const col = el('col');
    col.style.width = `${widths[c] ?? 100}px`;
    colgroup.append(col);
  }
  const head = el('thead');
  const hr = el('tr');
  // The corner names nothing: a plain cell, so no header without text.
  hr.append(el('td', 'corner'));
  for (let c = 1; c <= cols; c++) hr.append(el('th', undefined, columnToLetters(c)));
  head.append(hr);
  const body = el('tbody');
  for (let r = 1; r <= rows; r++) {
    const tr = el('tr', r <= view.frozenRows ? 'frozen' : undefined);
    tr.dataset.row = String(r);
    tr.append(el('th', 'rownum', String(r)));
    for (let c = 1; c <= cols; c++) {
      const cell = view.cells[r - 1]?.[c - 1] ?? null;
      const td = el('td');
      td.dataset.row = String(r);
      td.dataset.col = String(c);
      if (cell) {
        td.textContent = cell.t;
        const cls: string[] = [];
        if (cell.r) cls.push('num');
        if (cell.b) cls.push('bold');
        if (cell.e) {
          cls.push('err');
          td.title = cell.e;
        } else if (cell.t.length > 30) td.title = cell.t;
        if (cell.dd && cell.t !== '') cls.push('dd');
        // Text runs over empty cells to its right, as in Sheets.
        if (!cell.r && !cell.e && cell.t.length > 12 && !view.cells[r - 1]?.[c]?.t) cls.push('spill');
        if (cell.bg) td.style.background = cell.bg;
        if (cell.fc) td.style.color = cell.fc;
        td.className = cls.join(' ');
      }
      tr.append(td);
    }
    body.append(tr);
  }
  table.style.width = `${46 + widths.slice(0, cols).reduce((a, b) => a + b, 0) + (cols - widths.length) * 100}px`;
  table.append(colgroup, head, body);
  if (same) {
    wrap.scrollTop = scroll.top;
    wrap.scrollLeft = scroll.left;
  }
  markSelection();
  drawCharts(wrap, view.name, view.charts);
}

function cellAt(row: number, col: number): HTMLTableCellElement | null {
  return document.querySelector(`#grid td[data-row="${row}"][data-col="${col}"]`);
}

function markSelection(): void {
  for (const node of document.querySelectorAll('#grid .sel, #grid .selrow'))
    node.classList.remove('sel', 'selrow');
  const td = cellAt(selected.row, selected.col);
  td?.classList.add('sel');
  td?.parentElement?.classList.add('selrow');
  $('address').textContent = cellA1(selected.row, selected.col);
  const view = sheet?.cells[selected.row - 1]?.[selected.col - 1];
  ($('formula') as HTMLInputElement).value = view?.f ?? view?.t ?? '';
}

function select(row: number, col: number): void {
  selected = { row: Math.max(1, row), col: Math.max(1, col) };
  markSelection();
  cellAt(selected.row, selected.col)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  void api('/api/select', { sheet: current, a1: cellA1(selected.row, selected.col) });
}

function startEdit(initial?: string): void {
  const td = cellAt(selected.row, selected.col);
  if (!td || td.classList.contains('editing')) return;
  const view = sheet?.cells[selected.row - 1]?.[selected.col - 1];
  const input = el('input');
  input.setAttribute('aria-label', `Edit ${cellA1(selected.row, selected.col)}`);
  input.value = initial ?? view?.f ?? view?.t ?? '';
  const options = view?.dd ?? sheet?.cells[1]?.[selected.col - 1]?.dd;
  if (options && options.length > 0) {
    const list = el('datalist');
    list.id = 'dd-options';
    for (const o of options) list.append(Object.assign(el('option'), { value: o }));
    td.append(list);
    input.setAttribute('list', 'dd-options');
  }
  td.classList.add('editing');
  td.replaceChildren(input, ...td.querySelectorAll('datalist'));
  input.focus();
  let done = false;
  const finish = (commit: boolean, then?: () => void): void => {
    if (done) return;
    done = true;
    const text = input.value;
    const at = { ...selected };
    td.classList.remove('editing');
    td.replaceChildren();
    td.textContent = commit ? text : (view?.t ?? '');
    if (commit) void act('/api/edit', { sheet: current, a1: cellA1(at.row, at.col), text }).then(then);
    $('grid-wrap').focus();
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      // The edit selects the edited cell on the server: move down once it is done, so the
      // sidebar follows the row the grid shows as selected.
      const below = { row: selected.row + 1, col: selected.col };
      finish(true, () => select(below.row, below.col));
      selected = below;
    } else if (e.key === 'Escape') finish(false);
    e.stopPropagation();
  });
  input.addEventListener('blur', () => finish(true));
}

// ---- menu, tabs, outbox, notices, frames ----

function drawMenu(menu: PageState['menu']): void {
  const root = $('menu');
  if (root.dataset.drawn === JSON.stringify(menu)) return;
  root.dataset.drawn = JSON.stringify(menu);
  root.replaceChildren();
  if (!menu) return;
  const title = el('button', 'menu-title', menu.title);
  title.type = 'button';
  title.setAttribute('aria-haspopup', 'true');
  const list = buildList(menu.items);
  list.hidden = true;
  title.addEventListener('click', (e) => {
    e.stopPropagation();
    list.hidden = !list.hidden;
    root.classList.toggle('open', !list.hidden);
  });
  document.addEventListener('click', () => {
    list.hidden = true;
    root.classList.remove('open');
  });
  root.append(title, list);
}

function buildList(items: MenuView[]): HTMLUListElement {
  const ul = el('ul', 'menu-list');
  ul.setAttribute('role', 'menu');
  for (const item of items) {
    const li = el('li');
    if (item.separator) {
      li.className = 'sep';
      li.setAttribute('role', 'separator');
    } else if (item.items) {
      li.className = 'submenu';
      li.setAttribute('role', 'none');
      const b = el('button', undefined, item.caption);
      b.type = 'button';
      b.setAttribute('role', 'menuitem');
      b.setAttribute('aria-haspopup', 'menu');
      const sub = buildList(item.items);
      sub.hidden = true;
      li.addEventListener('mouseenter', () => {
        sub.hidden = false;
        li.classList.add('open');
      });
      li.addEventListener('mouseleave', () => {
        sub.hidden = true;
        li.classList.remove('open');
      });
      b.addEventListener('click', (e) => {
        e.stopPropagation();
        sub.hidden = !sub.hidden;
      });
      li.append(b, sub);
    } else {
      li.setAttribute('role', 'none');
      const b = el('button', undefined, item.caption);
      b.type = 'button';
      b.setAttribute('role', 'menuitem');
      b.addEventListener('click', () => {
        if (item.functionName === 'buildDashboard') current = 'Dashboard';
        void act('/api/menu', { functionName: item.functionName });
      });
      li.append(b);
    }
    ul.append(li);
  }
  return ul;
}

function drawTabs(names: string[]): void {
  const tabs = $('tabs');
  // Redrawn only when something changed, so a focused tab keeps the focus.
  const key = JSON.stringify([names, current]);
  if (tabs.dataset.key === key) return;
  tabs.dataset.key = key;
  const hadFocus = tabs.contains(document.activeElement);
  tabs.replaceChildren();
  for (const name of names) {
    const b = el('button', undefined, name);
    b.type = 'button';
    b.setAttribute('role', 'tab');
    b.setAttribute('aria-selected', String(name === current));
    b.setAttribute('aria-controls', 'grid-wrap');
    b.tabIndex = name === current ? 0 : -1;
    b.addEventListener('click', () => {
      if (name === current) return;
      current = name;
      selected = { row: 1, col: 1 };
      void refresh(true);
    });
    tabs.append(b);
  }
  if (hadFocus) tabs.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
}

function drawOutbox(outbox: PageState['outbox']): void {
  $('outbox-count').textContent = String(outbox.length);
  const list = $('mails');
  if (list.dataset.count === String(outbox.length)) return;
  list.dataset.count = String(outbox.length);
  list.replaceChildren();
  if (outbox.length === 0) list.append(el('li', 'empty', 'No emails yet. Run the daily check.'));
  for (const mail of outbox) {
    const li = el('li');
    const details = el('details');
    const summary = el('summary');
    summary.append(
      el('span', 'subject', mail.subject),
      el('span', 'meta', `To ${mail.to}${mail.cc ? `, cc ${mail.cc}` : ''}`),
      el('span', 'meta', mail.at),
    );
    details.append(summary, el('pre', undefined, mail.body));
    li.append(details);
    list.append(li);
  }
}

function drawNotices(notices: PageState['notices']): void {
  const box = $('notices');
  box.replaceChildren();
  for (const n of notices.slice(-3)) {
    const card = el('div', `notice ${n.kind}`);
    card.setAttribute('role', n.kind === 'error' ? 'alert' : 'status');
    const body = el('div', 'body');
    body.append(el('strong', undefined, n.title), document.createTextNode(n.message));
    const x = el('button', 'x', '×');
    x.type = 'button';
    x.setAttribute('aria-label', 'Dismiss');
    x.addEventListener('click', () => void act('/api/dismiss', { id: n.id }));
    card.append(body, x);
    box.append(card);
  }
}

function drawFrames(s: PageState): void {
  $('sidebar').hidden = !s.sidebar.open;
  $('sidebar-title').textContent = s.sidebar.title || 'Sidebar';
  if (s.sidebar.open && s.sidebar.version !== sidebarVersion) {
    sidebarVersion = s.sidebar.version;
    ($('sidebar-frame') as HTMLIFrameElement).src = `/sidebar?v=${s.sidebar.version}`;
  }
  $('dialog').hidden = !s.dialog.open;
  // A modeless dialog (the board) sits beside the grid without a backdrop: the sheet stays usable.
  $('dialog').classList.toggle('modeless', s.dialog.modeless);
  document.body.classList.toggle('modeless-open', s.dialog.open && s.dialog.modeless);
  document.querySelector('#dialog .dialog')?.setAttribute('aria-modal', String(!s.dialog.modeless));
  $('dialog-title').textContent = s.dialog.title;
  if (s.dialog.open && s.dialog.version !== dialogVersion) {
    dialogVersion = s.dialog.version;
    const frame = $('dialog-frame') as HTMLIFrameElement;
    frame.style.width = `${s.dialog.width}px`;
    frame.style.height = `${s.dialog.height}px`;
    frame.src = `/dialog?v=${s.dialog.version}`;
  }
}

// ---- refresh loop ----

async function refresh(force = false): Promise<void> {
  const next = await api<PageState>('/api/state');
  if (!current || !next.sheets.includes(current))
    current = next.sheets.find((n) => /^deals$/i.test(n)) ?? next.sheets[0] ?? '';
  const key = `${next.version}:${current}`;
  $('today').textContent = next.today;
  $('save').hidden = !next.canSave;
  drawMenu(next.menu);
  drawTabs(next.sheets);
  drawOutbox(next.outbox);
  drawNotices(next.notices);
  drawFrames(next);
  if (!force && key === shownKey && sheet?.name === current) return;
  if (document.querySelector('#grid td.editing')) return;
  sheet = await api<SheetView>(`/api/sheet?name=${encodeURIComponent(current)}`);
  shownKey = key;
  drawGrid(sheet);
  document.body.dataset.version = String(next.version);
}

function wire(): void {
  const grid = $('grid');
  grid.addEventListener('click', (e) => {
    const td = (e.target as HTMLElement).closest('td');
    if (!td || td.classList.contains('editing')) return;
    select(Number(td.dataset.row), Number(td.dataset.col));
  });
  grid.addEventListener('dblclick', (e) => {
    const td = (e.target as HTMLElement).closest('td');
    if (!td) return;
    select(Number(td.dataset.row), Number(td.dataset.col));
    startEdit();
  });
  $('grid-wrap').addEventListener('keydown', (e) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      Tab: [0, 1],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      select(selected.row + move[0], selected.col + move[1]);
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      startEdit();
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      void act('/api/edit', { sheet: current, a1: cellA1(selected.row, selected.col), text: '' });
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      startEdit(e.key);
    }
  });
  // Pasting a block (tab-separated rows, as copied from a sheet) writes it from the selected
  // cell and fires one onEdit for the whole range, as Sheets does.
  document.addEventListener('paste', (e) => {
    const target = e.target as HTMLElement | null;
    if (target?.closest('input, textarea') || !sheet) return;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (text === '') return;
    e.preventDefault();
    const rows = text
      .replace(/\r\n?/g, '\n')
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => line.split('\t'));
    void act('/api/paste', { sheet: current, a1: cellA1(selected.row, selected.col), rows });
  });
  $('formula').addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const text = ($('formula') as HTMLInputElement).value;
    void act('/api/edit', { sheet: current, a1: cellA1(selected.row, selected.col), text });
  });
  const busyButton = (id: string, route: string) => {
    const b = $(id) as HTMLButtonElement;
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        await act(route);
      } finally {
        b.disabled = false;
      }
    });
  };
  // Tabs as a tablist: arrow keys move between sheets (one tab in the Tab order).
  $('tabs').addEventListener('keydown', (e) => {
    const tabs = [...document.querySelectorAll<HTMLButtonElement>('#tabs [role="tab"]')];
    const at = tabs.indexOf(document.activeElement as HTMLButtonElement);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (at < 0 || step === 0) return;
    e.preventDefault();
    const next = tabs[(at + step + tabs.length) % tabs.length];
    next?.click();
    next?.focus();
  });
  const toggle = $('outbox-toggle');
  const setOutbox = (open: boolean) => {
    $('outbox').classList.toggle('collapsed', !open);
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? '⟩' : '⟨';
    toggle.title = open ? 'Hide the Outbox' : 'Show the Outbox';
  };
  setOutbox(window.innerWidth >= 1400);
  toggle.addEventListener('click', () => setOutbox(toggle.getAttribute('aria-expanded') !== 'true'));
  busyButton('advance', '/api/advance');
  busyButton('check', '/api/check');
  busyButton('save', '/api/save');
  $('sidebar-close').addEventListener('click', () => void act('/api/close', { frame: 'sidebar' }));
  $('dialog-close').addEventListener('click', () => void act('/api/close', { frame: 'dialog' }));
  window.addEventListener('message', (e) => {
    if (e.origin !== location.origin) return;
    const data = e.data as { playground?: string; frame?: string };
    if (data?.playground === 'close') void act('/api/close', { frame: data.frame });
  });
  setInterval(() => {
    if (busy === 0) void refresh().catch(() => undefined);
  }, 1000);
}

wire();
void refresh(true);
