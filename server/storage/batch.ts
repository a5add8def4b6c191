/**
 * Runs many small database requests of one kind as few statements: while a
 * batch runs, the requests that arrive queue up, and go together in the next
 * batch. A request that finds nothing running goes at once, alone, so a
 * quiet server adds no latency; a busy one makes one statement (one commit,
 * one trip through the embedded database) of dozens of votes.
 *
 * With `keyOf`, requests of one key never share a batch nor run at once: the
 * later waits for the earlier's batch to finish, so they apply in the order
 * they came (one voter's ballots, say, whose upserts must not collide).
 */
export function batched<I, O>(
  run: (inputs: readonly I[]) => Promise<readonly O[]>,
  { concurrency = 1, maxBatch = 256, keyOf }: { concurrency?: number; maxBatch?: number; keyOf?: (input: I) => string } = {},
): (input: I) => Promise<O> {
  type Pending = { input: I; key?: string; resolve: (output: O) => void; reject: (error: unknown) => void };
  let queue: Pending[] = [];
  let running = 0;
  /** Keys in a running batch. */
  const busy = new Set<string>();

  let scheduled = false;
  /** Starts batches on the next turn of the event loop, so that requests whose data has arrived meanwhile join them. */
  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
    });
  }

  function pump(): void {
    while (running < concurrency && queue.length > 0) {
      const batch: Pending[] = [];
      const waiting: Pending[] = [];
      for (const pending of queue) {
        if (batch.length >= maxBatch || (pending.key !== undefined && busy.has(pending.key))) {
          waiting.push(pending);
          continue;
        }
        if (pending.key !== undefined) busy.add(pending.key);
        batch.push(pending);
      }
      queue = waiting;
      if (batch.length === 0) return;
      running++;
      Promise.resolve()
        .then(() => run(batch.map((pending) => pending.input)))
        .then(
          (outputs) => {
            if (outputs.length !== batch.length) throw new Error(`a batch of ${batch.length} gave ${outputs.length} results`);
            batch.forEach((pending, index) => pending.resolve(outputs[index]!));
          },
        )
        .catch((error: unknown) => batch.forEach((pending) => pending.reject(error)))
        .finally(() => {
          running--;
          for (const pending of batch) if (pending.key !== undefined) busy.delete(pending.key);
          schedule();
        });
    }
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, key: keyOf?.(input), resolve, reject });
      schedule();
    });
}
