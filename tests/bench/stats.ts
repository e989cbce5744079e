export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export const median = (xs: number[]) => percentile(xs, 50);
export const ms = (x: number) => `${x.toFixed(x < 1 ? 3 : x < 10 ? 2 : 1)} ms`;

/** Runs fn n times and returns each run's duration in ms. */
export function timeEach(n: number, fn: (i: number) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

export function row(label: string, value: string, baseline: string, ratio: number, target: string): void {
  console.log(`${label.padEnd(44)} ${value.padStart(22)}   baseline ${baseline.padStart(22)}   ratio ${ratio.toFixed(2).padStart(5)}×   target ${target}`);
}
