/**
 * Lets the page paint and take input between batches of a long computation (one macrotask,
 * setTimeout 0); resolves true (go on), so it can serve as a "keep going?" callback.
 */
export const yieldToPage = (): Promise<true> => new Promise((resolve) => setTimeout(() => resolve(true), 0));

/** yieldToPage, but resolves false (stop) once `signal` aborts: a simulation nobody waits for ends. */
export const yieldUnless = (signal?: AbortSignal) => (): Promise<boolean> =>
  signal?.aborted ? Promise.resolve(false) : yieldToPage();
