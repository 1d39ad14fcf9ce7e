/** Lets the page paint and take input between batches of a long simulation; resolves true (go on). */
export const yieldToPage = () => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0));

/** yieldToPage, but resolves false (stop) once `signal` aborts: a simulation nobody waits for ends. */
export const yieldUnless = (signal?: AbortSignal) => () =>
  signal?.aborted ? Promise.resolve(false) : yieldToPage();
