/** Logger and console, captured into `world.logs`. */
import { type Bound, type Execution, instrument } from './exec';

export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'Logger';

export interface LogEntry {
  level: LogLevel;
  message: string;
  at: number;
  execution: number;
  user: string;
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return value.stack ?? String(value);
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

function push(exec: Execution, level: LogLevel, message: string): void {
  const world = exec.world;
  world.logs.push({ level, message, at: world.clock.now(), execution: exec.id, user: exec.user });
  if (world.echoLogs) process.stdout.write(`[${level}] ${message}\n`);
}

export class LoggerFake implements Bound {
  constructor(readonly exec: Execution) {}

  /** `Logger.log(data)` or `Logger.log(format, ...values)` with `%s` substitutions. */
  log(data: unknown, ...values: unknown[]): this {
    let message = stringify(data);
    if (values.length > 0) {
      let i = 0;
      message = message.replace(/%s/g, () => stringify(values[i++]));
    }
    push(this.exec, 'Logger', message);
    return this;
  }

  getLog(): string {
    return this.exec.world.logs
      .filter((l) => l.level === 'Logger' && l.execution === this.exec.id)
      .map((l) => l.message)
      .join('\n');
  }

  clear(): void {
    const logs = this.exec.world.logs;
    for (let i = logs.length - 1; i >= 0; i--) {
      const l = logs[i];
      if (l && l.level === 'Logger' && l.execution === this.exec.id) logs.splice(i, 1);
    }
  }
}

instrument(LoggerFake, 'Logger');

/** `console` for the script: log/info/warn/error captured (not counted as calls). */
export function makeConsole(
  exec: Execution,
): Record<'log' | 'info' | 'warn' | 'error' | 'debug', (...a: unknown[]) => void> {
  const at =
    (level: LogLevel) =>
    (...args: unknown[]): void =>
      push(exec, level, args.map(stringify).join(' '));
  return { log: at('log'), info: at('info'), warn: at('warn'), error: at('error'), debug: at('log') };
}
