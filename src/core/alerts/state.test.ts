import { day, pipeline, TODAY } from '../testing';
import {
  capAlerted,
  dealKeys,
  enqueue,
  MAX_LISTED,
  markFailed,
  markSent,
  newStalls,
  nextStallDay,
  type PendingDigest,
  parseAlerted,
  parsePending,
  pruneAlerted,
  RETRY_DAYS,
  readdress,
  serializeAlerted,
  serializePending,
} from './state';

const digest = (to: string, items: [string, string][], more = 0, manager = false): PendingDigest => ({
  manager,
  to,
  items: items.map(([k, s]) => [k, day(s)] as const),
  more,
  attempts: 0,
});

describe('deal keys', () => {
  test('the ID; name and company when the ID is blank or shared', () => {
    const p = pipeline([
      { id: 'A', deal: 'Alpha', stage: 'Lead' },
      { id: '', deal: 'No id', company: 'Co', stage: 'Lead' },
      { id: 'D', deal: 'Dup 1', stage: 'Lead' },
      { id: 'D', deal: 'Dup 2', stage: 'Lead' },
      { id: 'T', deal: 'x', stage: 'Lead' },
    ]);
    expect([...dealKeys(p.deals).values()]).toEqual(['A', '#No id|Co', 'D#Dup 1|', 'D#Dup 2|', 'T']);
  });
});

describe('alerted set', () => {
  test('round trip', () => {
    const set = new Map([
      ['D-1', day('2026-11-12')],
      ['#Name with spaces|Ço', day('2026-01-01')],
    ]);
    expect(parseAlerted(serializeAlerted(set))).toEqual(set);
    expect(parseAlerted(null).size).toBe(0);
    expect(parseAlerted('garbage\n\n1 ok')).toEqual(new Map([['ok', 1]]));
  });

  test('pruned when the deal closed, is gone, moved, was touched or snoozed past the stall', () => {
    const p = pipeline([
      { id: 'STILL', stage: 'Proposal', stageEntered: '2026-11-01' }, // since Nov 12
      { id: 'WON', stage: 'Won', stageEntered: '2026-11-01' },
      { id: 'TOUCHED', stage: 'Proposal', stageEntered: '2026-11-01', lastActivity: '2026-11-20' },
      { id: 'MOVED', stage: 'Negotiation', stageEntered: '2026-11-01' }, // since Nov 9 now
      { id: 'SNOOZED', stage: 'Proposal', stageEntered: '2026-11-01', snoozedUntil: '2026-11-30' },
      { id: 'BADSTAGE', stage: 'Proposl', stageEntered: '2026-11-01' },
    ]);
    const keys = dealKeys(p.deals);
    const before = new Map([
      ['STILL', day('2026-11-12')],
      ['WON', day('2026-11-12')],
      ['GONE', day('2026-11-12')],
      ['TOUCHED', day('2026-11-12')],
      ['MOVED', day('2026-11-12')],
      ['SNOOZED', day('2026-11-12')],
      ['BADSTAGE', day('2026-11-12')],
    ]);
    expect([...pruneAlerted(before, p.deals, keys, TODAY).keys()]).toEqual(['STILL']);
  });

  test('a deal not stalled right now whose clock did not move is kept', () => {
    // Today is Nov 23; a stall remembered as starting Dec 1 (the clock has not reached it yet)
    const p = pipeline([{ id: 'A', stage: 'Proposal', stageEntered: '2026-11-20' }]);
    expect(nextStallDay(p.deals[0]!)).toBe(day('2026-12-01'));
    const kept = pruneAlerted(new Map([['A', day('2026-12-01')]]), p.deals, dealKeys(p.deals), TODAY);
    expect(kept.size).toBe(1);
  });

  test('bounded: the oldest stalls go first', () => {
    const pairs: [string, number][] = Array.from({ length: 1000 }, (_, i) => [
      `D-${String(i).padStart(5, '0')}`,
      20000 + i,
    ]);
    const capped = capAlerted(pairs, 1500);
    expect(serializeAlerted(capped).length).toBeLessThanOrEqual(1500);
    expect(capped.has('D-00999')).toBe(true);
    expect(capped.has('D-00000')).toBe(false);
  });

  test('new stalls: not alerted, not already in the cell', () => {
    const p = pipeline([
      { id: 'A', stage: 'Proposal', stageEntered: '2026-11-01' },
      { id: 'B', stage: 'Proposal', stageEntered: '2026-11-02' },
      { id: 'C', stage: 'Proposal', stageEntered: '2026-11-03' },
    ]);
    const stalls = p.deals.map((deal, i) => ({ key: deal.id, deal, since: day('2026-11-12') + i }));
    const fresh = newStalls(stalls, new Map([['A', day('2026-11-12')]]), (deal) =>
      deal.id === 'B' ? day('2026-11-13') : null,
    );
    expect(fresh.map((s) => s.key)).toEqual(['C']);
  });
});

describe('pending digests', () => {
  test('merged per recipient (case-insensitive), deduplicated, bounded', () => {
    const q1 = enqueue(
      [],
      [digest('ana@x.com', [['A', '2026-11-12']]), digest('', [['A', '2026-11-12']], 0, true)],
    );
    const q2 = enqueue(q1, [
      digest('ANA@x.com', [
        ['A', '2026-11-12'],
        ['B', '2026-11-13'],
      ]),
      digest('ben@x.com', [['C', '2026-11-14']]),
    ]);
    expect(q2.map((d) => [d.to, d.items.length])).toEqual([
      ['ana@x.com', 2],
      ['', 1],
      ['ben@x.com', 1],
    ]);
    const many = Array.from(
      { length: MAX_LISTED + 5 },
      (_, i) => [`K${i}`, '2026-11-12'] as [string, string],
    );
    const [big] = enqueue([], [digest('c@x.com', many, 3)]);
    expect(big).toMatchObject({ more: 8 });
    expect(big?.items).toHaveLength(MAX_LISTED);
  });

  test('markSent removes what was sent and keeps what arrived since', () => {
    const sent = digest('ana@x.com', [['A', '2026-11-12']]);
    const now = enqueue([sent], [digest('ana@x.com', [['B', '2026-11-13']])]);
    expect(markSent(now, sent)).toEqual([digest('ana@x.com', [['B', '2026-11-13']])]);
    expect(markSent([sent], sent)).toEqual([]);
  });

  test('markFailed keeps a failing digest for RETRY_DAYS days, then gives it up (returned to report)', () => {
    // Issue 10: no longer dropped after 3 tries in a row; retried on each run for 5 days.
    const first = day('2026-11-12');
    let q: PendingDigest[] = [digest('bad@x.com', [['A', '2026-11-12']])];
    let r = markFailed(q, q[0]!, first, 'Mail service down');
    expect(r.dropped).toBeNull();
    q = r.queue;
    r = markFailed(q, q[0]!, first + 1, 'Mail service down');
    q = r.queue;
    r = markFailed(q, q[0]!, first + RETRY_DAYS - 1, 'Mail service down');
    expect(r.dropped).toBeNull();
    q = r.queue;
    expect(q[0]).toMatchObject({ attempts: 3, failedSince: first, lastError: 'Mail service down' });
    r = markFailed(q, q[0]!, first + RETRY_DAYS, 'Timeout');
    expect(r.queue).toEqual([]);
    expect(r.dropped).toMatchObject({ to: 'bad@x.com', attempts: 4, lastError: 'Timeout' });
  });

  test('an owner without an address waits, and is addressed (and merged) once Team has one', () => {
    const waiting: PendingDigest = { ...digest('', [['Z', '2026-11-12']]), owner: 'Zed' };
    const queue = enqueue([waiting], [digest('zed@x.com', [['Y', '2026-11-13']])]);
    expect(readdress(queue, () => null)).toEqual(queue);
    const addressed = readdress(queue, (o) => (o === 'Zed' ? 'zed@x.com' : null));
    expect(addressed).toHaveLength(1);
    expect(addressed[0]?.to).toBe('zed@x.com');
    expect(addressed[0]?.owner ?? '').toBe('');
    expect(addressed[0]?.items.map((i) => i[0]).sort()).toEqual(['Y', 'Z']);
  });

  test('round trip; garbage reads as empty', () => {
    const q = [digest('ana@x.com', [['A', '2026-11-12']], 2), digest('', [['B', '2026-11-13']], 0, true)];
    // The queue's newer fields read back with their defaults.
    const defaults = { owner: '', failedSince: null, lastError: '', unconfirmed: 0 };
    expect(parsePending(serializePending(q))).toEqual(q.map((d) => ({ ...d, ...defaults })));
    expect(parsePending('{')).toEqual([]);
    expect(parsePending(null)).toEqual([]);
  });
});
