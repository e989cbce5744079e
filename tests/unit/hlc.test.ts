import { describe, expect, it } from 'vitest';
import { HybridClock, parseHlc } from '../../src/shared/hlc';

const NODE_A = '00000000000000aa';
const NODE_B = '00000000000000bb';

describe('hybrid logical clock', () => {
  it('issues strictly increasing timestamps even when the wall clock stands still or goes back', () => {
    let wall = 1_000;
    const clock = new HybridClock(NODE_A, () => wall);
    const seen = [clock.tick(), clock.tick()];
    wall = 900;
    seen.push(clock.tick());
    wall = 2_000;
    seen.push(clock.tick());
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
    expect(parseHlc(seen[2]!).millis).toBe(1_000);
  });

  it('orders a local event after a received remote one', () => {
    const a = new HybridClock(NODE_A, () => 1_000);
    const b = new HybridClock(NODE_B, () => 5_000);
    const remote = b.tick();
    a.receive(remote);
    expect(a.tick() > remote).toBe(true);
  });

  it('refuses a remote clock more than five minutes ahead', () => {
    const a = new HybridClock(NODE_A, () => 0);
    const b = new HybridClock(NODE_B, () => 6 * 60 * 1000);
    expect(() => a.receive(b.tick())).toThrow(/5 minutes ahead/);
  });

  it('rolls into the next millisecond instead of wrapping the counter', () => {
    const clock = new HybridClock(NODE_A, () => 7);
    clock.advanceTo(`000000000000007-ffffff-${NODE_B}`);
    const next = parseHlc(clock.tick());
    expect(next).toMatchObject({ millis: 8, counter: 0 });
  });
});
