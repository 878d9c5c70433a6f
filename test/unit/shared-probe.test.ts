import { describe, expect, it } from 'vitest';
import { sharedProbe } from '../../src/db/timeouts.js';

/** A probe that counts its runs and settles when told to. */
function controlledProbe() {
  const state = { runs: 0, settle: (_error?: Error) => {} };
  const probe = () => {
    state.runs += 1;
    return new Promise<void>((resolve, reject) => {
      state.settle = (error) => (error ? reject(error) : resolve());
    });
  };
  return { state, probe };
}

describe('the shared readiness probe', () => {
  it('runs one probe for any number of callers while it is under way', async () => {
    const { state, probe } = controlledProbe();
    const ready = sharedProbe(probe, 1_000);
    const answers = Array.from({ length: 500 }, () => ready());
    expect(state.runs).toBe(1);
    state.settle();
    await Promise.all(answers);
    expect(state.runs).toBe(1);
  });

  it('reuses an answer, failure included, only while it is fresh', async () => {
    const { state, probe } = controlledProbe();
    const ready = sharedProbe(probe, 40);
    const first = ready();
    state.settle(new Error('database unavailable'));
    await expect(first).rejects.toThrow('database unavailable');
    await expect(ready()).rejects.toThrow('database unavailable');
    expect(state.runs).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const second = ready();
    expect(state.runs).toBe(2);
    state.settle();
    await expect(second).resolves.toBeUndefined();
  });
});
