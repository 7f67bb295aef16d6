import { describe, expect, it } from 'vitest';
import { turnsByKey } from '../src/turns-by-key.js';

/** Lets every promise callback already queued run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('turnsByKey', () => {
  it('when a second holder asks for a taken id, then its turn comes only after the first releases', async () => {
    const waitForTurn = turnsByKey();
    const releaseFirst = await waitForTurn('a');
    let secondHasTurn = false;
    const second = waitForTurn('a').then((release) => {
      secondHasTurn = true;
      return release;
    });
    await settle();
    expect(secondHasTurn).toBe(false);
    releaseFirst();
    (await second)();
    expect(secondHasTurn).toBe(true);
  });

  it('when ids differ, then neither waits for the other', async () => {
    const waitForTurn = turnsByKey();
    await waitForTurn('a');
    let otherHasTurn = false;
    void waitForTurn('b').then(() => {
      otherHasTurn = true;
    });
    await settle();
    expect(otherHasTurn).toBe(true);
  });
});
