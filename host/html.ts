/**
 * HtmlService: HtmlOutput, and templates with `<?= ?>` (escaped), `<?!= ?>` (raw) and
 * `<? ?>` (code) scriptlets. Template code runs in the script's context when the globals
 * were loaded with loadCode (so helpers such as `include()` resolve).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { gasError } from './errors';
import { type Bound, type Execution, instrument } from './exec';

export const SandboxMode = Object.freeze({ EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' });
export const XFrameOptionsMode = Object.freeze({ ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' });

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Reads `<name>.html` (or `<name>` as given) from the execution's HTML files. */
export function readHtmlFile(exec: Execution, name: string): string {
  const files = exec.htmlFiles;
  const base = name.replace(/\.html$/, '');
  if (typeof files === 'string') {
    for (const candidate of [join(files, `${base}.html`), join(files, name)]) {
      if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
    }
  } else if (files) {
    const found = files[base] ?? files[name] ?? files[`${base}.html`];
    if (found !== undefined) return found;
  }
  throw gasError(`No HTML file named ${base} was found.`);
}

export interface HtmlSnapshot {
  title: string;
  content: string;
  width: number | null;
  height: number | null;
  sandboxMode: string;
  xFrameOptionsMode: string;
  metaTags: Array<{ name: string; content: string }>;
}

export class HtmlOutputFake implements Bound {
  private content: string;
  private title = '';
  private width: number | null = null;
  private height: number | null = null;
  private sandbox = 'IFRAME';
  private xframe = 'DEFAULT';
  private favicon: string | null = null;
  private readonly meta: Array<{ name: string; content: string }> = [];

  constructor(
    readonly exec: Execution,
    html = '',
  ) {
    this.content = html;
  }

  /** Internal: an immutable copy of what would be shown. */
  _snapshot(): HtmlSnapshot {
    return {
      title: this.title,
      content: this.content,
      width: this.width,
      height: this.height,
      sandboxMode: this.sandbox,
      xFrameOptionsMode: this.xframe,
      metaTags: this.meta.map((m) => ({ ...m })),
    };
  }

  getContent(): string {
    return this.content;
  }

  setContent(content: string): this {
    this.content = String(content);
    return this;
  }

  append(addedContent: string): this {
    this.content += String(addedContent);
    return this;
  }

  appendUntrusted(addedContent: string): this {
    this.content += escapeHtml(String(addedContent));
    return this;
  }

  clear(): this {
    this.content = '';
    return this;
  }

  getTitle(): string {
    return this.title;
  }

  setTitle(title: string): this {
    this.title = String(title);
    return this;
  }

  getWidth(): number | null {
    return this.width;
  }

  setWidth(width: number): this {
    this.width = width;
    return this;
  }

  getHeight(): number | null {
    return this.height;
  }

  setHeight(height: number): this {
    this.height = height;
    return this;
  }

  setSandboxMode(mode: string): this {
    this.sandbox = String(mode);
    return this;
  }

  getSandboxMode(): string {
    return this.sandbox;
  }

  setXFrameOptionsMode(mode: string): this {
    this.xframe = String(mode);
    return this;
  }

  addMetaTag(name: string, content: string): this {
    this.meta.push({ name: String(name), content: String(content) });
    return this;
  }

  getMetaTags(): Array<{ getName(): string; getContent(): string }> {
    return this.meta.map((m) => ({ getName: () => m.name, getContent: () => m.content }));
  }

  setFaviconUrl(iconUrl: string): this {
    this.favicon = String(iconUrl);
    return this;
  }

  getFaviconUrl(): string | null {
    return this.favicon;
  }

  asTemplate(): HtmlTemplateFake {
    return new HtmlTemplateFake(this.exec, this.content);
  }
}

instrument(HtmlOutputFake, 'HtmlOutput');

/** Compiles template source into a function body taking (vars, esc, str). */
export function compileTemplate(source: string): string {
  let code = "var __out = '';\nwith (__vars) {\n";
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('<?', i);
    if (open < 0) {
      code += `__out += ${JSON.stringify(source.slice(i))};\n`;
      break;
    }
    if (open > i) code += `__out += ${JSON.stringify(source.slice(i, open))};\n`;
    const close = source.indexOf('?>', open + 2);
    if (close < 0) throw gasError('Unterminated scriptlet in HTML template.');
    const inner = source.slice(open + 2, close);
    if (inner.startsWith('!=')) code += `__out += __str(${inner.slice(2)});\n`;
    else if (inner.startsWith('=')) code += `__out += __esc(${inner.slice(1)});\n`;
    else code += `${inner}\n`;
    i = close + 2;
  }
  return `${code}}\nreturn __out;`;
}

type TemplateFn = (vars: object, esc: (v: unknown) => string, str: (v: unknown) => string) => string;

const INTERNAL_KEYS = new Set(['exec']);

export class HtmlTemplateFake implements Bound {
  #source: string;
  [key: string]: unknown;

  constructor(
    readonly exec: Execution,
    source: string,
  ) {
    this.#source = source;
  }

  getCode(): string {
    return compileTemplate(this.#source);
  }

  getRawContent(): string {
    return this.#source;
  }

  /** Evaluates with the template's own properties as variables. */
  evaluate(): HtmlOutputFake {
    const vars: Record<string, unknown> = {};
    for (const key of Object.keys(this)) if (!INTERNAL_KEYS.has(key)) vars[key] = this[key];
    const body = this.getCode();
    const globals = this.exec.globals;
    const fn: TemplateFn =
      globals && vm.isContext(globals)
        ? (vm.runInContext(`(function (__vars, __esc, __str) {\n${body}\n})`, globals) as TemplateFn)
        : (new Function('__vars', '__esc', '__str', body) as TemplateFn);
    const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
    const html = fn(vars, (v) => escapeHtml(str(v)), str);
    return new HtmlOutputFake(this.exec, html);
  }
}

instrument(HtmlTemplateFake, 'HtmlTemplate');

export class HtmlServiceFake implements Bound {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(readonly exec: Execution) {}

  createHtmlOutput(html?: string | HtmlTemplateFake): HtmlOutputFake {
    if (html instanceof HtmlTemplateFake) return html.evaluate();
    return new HtmlOutputFake(this.exec, html === undefined ? '' : String(html));
  }

  createHtmlOutputFromFile(filename: string): HtmlOutputFake {
    return new HtmlOutputFake(this.exec, readHtmlFile(this.exec, String(filename)));
  }

  createTemplate(html: string): HtmlTemplateFake {
    return new HtmlTemplateFake(this.exec, String(html));
  }

  createTemplateFromFile(filename: string): HtmlTemplateFake {
    return new HtmlTemplateFake(this.exec, readHtmlFile(this.exec, String(filename)));
  }

  getUserAgent(): string {
    return 'Mozilla/5.0 (local Apps Script host)';
  }
}

instrument(HtmlServiceFake, 'HtmlService');
