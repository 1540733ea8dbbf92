/** PropertiesService: document, script and per-user stores with Google's size limits. */
import { gasError } from './errors';
import { type Bound, type Execution, instrument } from './exec';

export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** World-side storage of one property store. */
export class PropertyStore {
  readonly data = new Map<string, string>();

  size(): number {
    let n = 0;
    for (const [k, v] of this.data) n += bytes(k) + bytes(v);
    return n;
  }

  /** Plain-object copy (test helper). */
  toObject(): Record<string, string> {
    return Object.fromEntries(this.data);
  }

  /** Applies changes atomically, enforcing the limits. */
  apply(changes: Record<string, string>, replaceAll = false): void {
    const next = new Map(replaceAll ? [] : this.data);
    for (const [key, value] of Object.entries(changes)) {
      if (bytes(value) > PROPERTY_VALUE_LIMIT) throw gasError('Argument too large: value');
      next.set(key, value);
    }
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > PROPERTY_STORE_LIMIT) {
      throw gasError(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    this.data.clear();
    for (const [k, v] of next) this.data.set(k, v);
  }
}

function checkKey(key: unknown): string {
  if (key === null || key === undefined) throw gasError('Invalid argument: key');
  return String(key);
}

export class PropertiesFake implements Bound {
  constructor(
    readonly exec: Execution,
    private readonly store: PropertyStore,
  ) {}

  getProperty(key: string): string | null {
    return this.store.data.get(checkKey(key)) ?? null;
  }

  getProperties(): Record<string, string> {
    return this.store.toObject();
  }

  getKeys(): string[] {
    return [...this.store.data.keys()];
  }

  setProperty(key: string, value: unknown): this {
    this.store.apply({ [checkKey(key)]: String(value) });
    return this;
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    const changes: Record<string, string> = {};
    for (const [k, v] of Object.entries(properties ?? {})) changes[k] = String(v);
    this.store.apply(changes, deleteAllOthers);
    return this;
  }

  deleteProperty(key: string): this {
    this.store.data.delete(checkKey(key));
    return this;
  }

  deleteAllProperties(): this {
    this.store.data.clear();
    return this;
  }
}

instrument(PropertiesFake, 'Properties', {
  fallback: 'write',
  access: { getProperty: 'read', getProperties: 'read', getKeys: 'read' },
  messageStyle: 'qualified',
});

export class PropertiesServiceFake implements Bound {
  constructor(readonly exec: Execution) {}

  getDocumentProperties(): PropertiesFake {
    return new PropertiesFake(this.exec, this.exec.world.documentProperties);
  }

  getScriptProperties(): PropertiesFake {
    return new PropertiesFake(this.exec, this.exec.world.scriptProperties);
  }

  /** In a custom function this is the spreadsheet owner's store (per the custom-function docs). */
  getUserProperties(): PropertiesFake {
    const user = this.exec.authMode === 'CUSTOM_FUNCTION' ? this.exec.world.owner : this.exec.user;
    return new PropertiesFake(this.exec, this.exec.world.userProperties(user));
  }
}

instrument(PropertiesServiceFake, 'PropertiesService', { fallback: 'read', messageStyle: 'qualified' });
