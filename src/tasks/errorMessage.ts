/** The message to show for anything thrown or rejected: an Error's message, else its string form. */
export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Whether `e` is a cancellation (an Error or DOMException named AbortError), not a failure. */
export const isAbortError = (e: unknown): boolean => (e as Error | null)?.name === 'AbortError';
