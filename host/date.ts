/**
 * A `Date` stand-in whose `new Date()` and `Date.now()` read the world clock. With
 * arguments it is the real Date; instances ARE real Dates, and `x instanceof Date` is true
 * for a Date from any realm. Note: local-time methods (getHours, new Date(y, m, d)) use the
 * Node process time zone — run tests with TZ matching appsscript.json (Etc/UTC).
 */
import type { Clock } from './clock';

export type DateClass = DateConstructor;

export function makeDateClass(clock: Clock): DateConstructor {
  const RealDate = Date;
  function HostDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(clock.now()).toString();
    return Reflect.construct(RealDate, args.length > 0 ? args : [clock.now()], new.target);
  }
  HostDate.prototype = RealDate.prototype;
  Object.defineProperties(HostDate, {
    now: { value: () => clock.now(), writable: true, configurable: true },
    parse: { value: RealDate.parse, writable: true, configurable: true },
    UTC: { value: RealDate.UTC, writable: true, configurable: true },
    [Symbol.hasInstance]: {
      value: (v: unknown) => Object.prototype.toString.call(v) === '[object Date]',
      configurable: true,
    },
  });
  return HostDate as unknown as DateConstructor;
}
