import { describe, expect, it } from 'vitest';
import { change, percent, periodOf } from '../../src/renderer/src/dashboard/format';

describe('the dashboard’s periods', () => {
  it('last 12 months is this month so far and the eleven whole months before it', () => {
    expect(periodOf({ preset: 'last12', from: '', to: '' }, '2026-11-24')).toEqual({ from: '2025-12-01', to: '2026-11-24' });
    expect(periodOf({ preset: 'last12', from: '', to: '' }, '2026-01-31')).toEqual({ from: '2025-02-01', to: '2026-01-31' });
  });

  it('this year runs to today; last year is the whole of it', () => {
    expect(periodOf({ preset: 'thisYear', from: '', to: '' }, '2026-03-02')).toEqual({ from: '2026-01-01', to: '2026-03-02' });
    expect(periodOf({ preset: 'lastYear', from: '', to: '' }, '2026-03-02')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('a custom period needs both days, in order', () => {
    expect(periodOf({ preset: 'custom', from: '2026-02-01', to: '2026-04-30' }, '2026-11-24')).toEqual({ from: '2026-02-01', to: '2026-04-30' });
    expect(periodOf({ preset: 'custom', from: '2026-02-01', to: '' }, '2026-11-24')).toEqual({ error: 'Enter both dates' });
    expect(periodOf({ preset: 'custom', from: '2026-02-30', to: '2026-03-01' }, '2026-11-24')).toEqual({ error: 'Enter both dates' });
    expect(periodOf({ preset: 'custom', from: '2026-05-01', to: '2026-04-30' }, '2026-11-24')).toEqual({ error: 'The period ends before it starts' });
  });
});

describe('shares and changes in words', () => {
  it('rounds shares and signs changes, and says what has nothing to compare with', () => {
    expect(percent(0.453)).toBe('45%');
    expect(percent(null)).toBe('—');
    expect(change(0.12)).toBe('+12%');
    expect(change(-0.084)).toBe('−8%');
    expect(change(0.001)).toBe('0%');
    expect(change(null)).toBe('new');
  });
});
