/**
 * What the lab's "Copy link" button says about the link it copied: what the link reopens and,
 * sentence by sentence, what it leaves out or cannot repeat. Everything the lab's numbers are
 * computed from is in the link (parameters, model, seed, the drawn input, stop mode and r, a forced
 * backend); what is not: the TF.js backend when the lab measured it (the votes agree across backends
 * only up to WebGL's float rounding of the noise), how far a run still going or paused part-way had
 * got, and the attack panel (its own settings and result). A run in stop mode stops at the same
 * sample there (the engine finds the exact sample, whatever the batch sizes). Pure.
 */
import type { BackendName } from '../engine/protocol';
import type { BackendRequest } from '../store/backendSlice';
import type { RunStatus } from '../store/labSlice';

export interface CopiedLink {
  /**
   * The link reopens the run on screen rather than the controls' newer settings; `runValues`
   * describes that run ("σ = 0.25, n = 1,000").
   */
  stale: { runValues: string } | null;
  status: RunStatus;
  /** The run's planned estimation samples n. */
  n: number;
  stopAtRadius: boolean;
  /** The backend the URL or the badge asked for ('auto': measured, so not in the link). */
  backendRequest: BackendRequest;
  /** The backend running now, or null while none is ready. */
  backendInUse: BackendName | null;
}

/** The sentences shown after copying, in reading order. */
export function copiedLinkMessage(c: CopiedLink): string {
  const out: string[] = [];
  out.push(
    c.stale
      ? `Link copied: it reopens the certificate on screen (${c.stale.runValues}), not the controls' new settings; press "Run with the current settings" first to share those.`
      : 'Link copied: it reopens this exact state, with the same numbers.',
  );
  const n = c.n.toLocaleString('en');
  if (c.stopAtRadius && (c.status === 'running' || c.status === 'paused')) {
    out.push(
      `This run ${c.status === 'running' ? 'is still going' : 'was paused part-way'}: the link's run goes on until the anytime-valid radius reaches r (at the same sample as here, on any device) or n = ${n} runs out.`,
    );
  } else if (c.stopAtRadius) {
    out.push('In stop mode the link stops at the same sample as this run, on any device.');
  } else if (c.status === 'running') {
    out.push(`This run is still going: the link's run goes on to all n = ${n} samples, as this one will.`);
  } else if (c.status === 'paused') {
    out.push(
      `This run was paused part-way: the link's run goes on to all n = ${n} samples, so its counts will be the finished run's.`,
    );
  }
  const left: string[] = [];
  if (c.backendRequest === 'auto') {
    left.push(
      `the TF.js backend (${c.backendInUse ?? 'not started yet'} here; the lab there measures its own, and the votes agree across backends up to WebGL's float rounding of the noise, which can rarely move a vote)`,
    );
  } else if (c.backendRequest === 'webgl') {
    left.push(`the GPU (WebGL's float rounding of the noise can differ between GPUs and rarely move a vote)`);
  }
  left.push("the attack panel's settings and result");
  out.push(`Not in the link: ${left.join('; ')}.`);
  return out.join(' ');
}
