/**
 * Hybrid logical clock. A timestamp is a string that sorts in causal order:
 *   <wall ms, 15 digits>-<counter, 6 hex>-<node id, 16 hex>
 * Pure: the wall clock is injected so rules and tests stay deterministic.
 */
export interface HlcParts {
  millis: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 0xffffff;
/** A remote clock further ahead than this is refused (DESIGN.md, sync). */
export const MAX_DRIFT_MS = 5 * 60 * 1000;

export function formatHlc({ millis, counter, node }: HlcParts): string {
  return `${String(millis).padStart(15, '0')}-${counter.toString(16).padStart(6, '0')}-${node}`;
}

export function parseHlc(hlc: string): HlcParts {
  const m = /^(\d{15})-([0-9a-f]{6})-([0-9a-f]{16})$/.exec(hlc);
  if (!m) throw new Error(`Not a hybrid logical clock timestamp: ${hlc}`);
  return { millis: Number(m[1]), counter: parseInt(m[2]!, 16), node: m[3]! };
}

export class HybridClock {
  private millis = 0;
  private counter = 0;

  constructor(
    readonly node: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!/^[0-9a-f]{16}$/.test(node)) throw new Error('HLC node id must be 16 hex characters');
  }

  /** A new timestamp for a local event, strictly greater than every one issued or seen before. */
  tick(): string {
    const wall = this.now();
    if (wall > this.millis) {
      this.millis = wall;
      this.counter = 0;
    } else {
      this.bumpCounter();
    }
    return formatHlc({ millis: this.millis, counter: this.counter, node: this.node });
  }

  /** Merge a timestamp received from another node so later local ticks sort after it. */
  receive(remote: string): void {
    const r = parseHlc(remote);
    const wall = this.now();
    if (r.millis - wall > MAX_DRIFT_MS) {
      throw new Error('The other clock is more than 5 minutes ahead; check the date and time settings.');
    }
    this.advanceTo(remote);
  }

  /** Never issue a timestamp at or below this one (our own last write, read back at start). */
  advanceTo(hlc: string): void {
    const r = parseHlc(hlc);
    if (r.millis > this.millis) {
      this.millis = r.millis;
      this.counter = r.counter;
    } else if (r.millis === this.millis && r.counter > this.counter) {
      this.counter = r.counter;
    }
  }

  private bumpCounter(): void {
    if (this.counter >= MAX_COUNTER) {
      // More than 16M events in one millisecond: borrow the next millisecond rather than wrap.
      this.millis += 1;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
  }
}
