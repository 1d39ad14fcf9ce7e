import { CHECKPOINTS } from '../checkpoints';

/** A signal that never aborts, for reveals run to the end. */
export const NO_ABORT = new AbortController().signal;

/** The checkpoint with this id (the test fails at its first use if there is none). */
export const def = (id: string) => CHECKPOINTS.find((c) => c.id === id)!;
