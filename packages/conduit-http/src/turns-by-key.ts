/**
 * Lets work with the same id run one at a time, in arrival order: `await waitForTurn(id)` resolves
 * when every earlier holder of `id` has called its release, and returns this holder's release.
 */
export function turnsByKey() {
  const last = new Map<string, Promise<void>>();
  return async function waitForTurn(id: string): Promise<() => void> {
    const previous = last.get(id) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const turn = previous.then(() => mine);
    last.set(id, turn);
    await previous;
    return () => {
      release();
      if (last.get(id) === turn) last.delete(id);
    };
  };
}
