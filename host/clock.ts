/** The world's controllable clock. Every fake service reads time from here. */
export class Clock {
  private ms: number;

  constructor(start: Date | number | string) {
    this.ms = toMs(start);
  }

  now(): number {
    return this.ms;
  }

  /** A fresh Date for the current instant. */
  date(): Date {
    return new Date(this.ms);
  }

  set(to: Date | number | string): void {
    this.ms = toMs(to);
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  advanceDays(days: number): void {
    this.ms += days * 86_400_000;
  }
}

function toMs(value: Date | number | string): number {
  const ms = typeof value === 'number' ? value : new Date(value).getTime();
  if (!Number.isFinite(ms)) throw new Error(`Invalid clock time: ${String(value)}`);
  return ms;
}
