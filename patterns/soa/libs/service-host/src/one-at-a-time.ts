/**
 * Runs work sharing an id one after another, in arrival order, in this process: `const done = await
 * turnOf(id)` waits for every earlier holder of `id` to call its `done`.
 */
export function oneAtATime() {
  const queues = new Map<string, Promise<void>>();
  return async function turnOf(id: string): Promise<() => void> {
    const before = queues.get(id) ?? Promise.resolve();
    let done!: () => void;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const mine = before.then(() => finished);
    queues.set(id, mine);
    await before;
    return () => {
      done();
      if (queues.get(id) === mine) queues.delete(id);
    };
  };
}
