import { describe, expect, it } from 'vitest';
import { copiedLinkMessage, type CopiedLink } from '../copyLink';

const DONE: CopiedLink = {
  stale: null,
  status: 'done',
  n: 1000,
  stopAtRadius: false,
  backendRequest: 'wasm',
  backendInUse: 'wasm',
};

describe('the message after "Copy link"', () => {
  it('promises the same numbers for a finished run on a forced wasm or cpu backend, and names the attack panel as left out', () => {
    expect(copiedLinkMessage(DONE)).toBe(
      "Link copied: it reopens this exact state, with the same numbers. Not in the link: the attack panel's settings and result.",
    );
    expect(copiedLinkMessage({ ...DONE, backendRequest: 'cpu', backendInUse: 'cpu' })).toBe(
      copiedLinkMessage(DONE),
    );
  });

  it('says the backend is not in the link when the lab measured it, naming the one in use', () => {
    const m = copiedLinkMessage({ ...DONE, backendRequest: 'auto', backendInUse: 'webgl' });
    expect(m).toMatch(/^Link copied: it reopens this exact state, with the same numbers\. Not in the link: /);
    expect(m).toContain('the TF.js backend (webgl here; the lab there measures its own');
    expect(m).toContain("WebGL's float rounding of the noise");
    expect(m).toMatch(/; the attack panel's settings and result\.$/);
    expect(copiedLinkMessage({ ...DONE, backendRequest: 'auto', backendInUse: null })).toContain(
      'the TF.js backend (not started yet here;',
    );
  });

  it('names the GPU as left out when WebGL is forced', () => {
    expect(copiedLinkMessage({ ...DONE, backendRequest: 'webgl', backendInUse: 'webgl' })).toContain(
      'Not in the link: the GPU (',
    );
  });

  it('says a run still going or paused part-way goes on to n there', () => {
    expect(copiedLinkMessage({ ...DONE, status: 'running', n: 20000 })).toContain(
      "This run is still going: the link's run goes on to all n = 20,000 samples, as this one will.",
    );
    expect(copiedLinkMessage({ ...DONE, status: 'paused' })).toContain(
      "This run was paused part-way: the link's run goes on to all n = 1,000 samples, so its counts will be the finished run's.",
    );
  });

  it('says a run in stop mode stops at the same sample there, and where an unfinished one goes on to', () => {
    for (const status of ['done', 'stopped'] as const) {
      const m = copiedLinkMessage({ ...DONE, status, stopAtRadius: true });
      expect(m).toContain('In stop mode the link stops at the same sample as this run, on any device.');
      expect(m).not.toContain('part-way');
    }
    const paused = copiedLinkMessage({ ...DONE, status: 'paused', stopAtRadius: true });
    expect(paused).toContain(
      "was paused part-way: the link's run goes on until the anytime-valid radius reaches r",
    );
    expect(paused).not.toContain('all n = 1,000 samples, so');
    const running = copiedLinkMessage({ ...DONE, status: 'running', stopAtRadius: true });
    expect(running).toContain("is still going: the link's run goes on until");
  });

  it('for an out-of-date certificate, says the link reopens the run on screen, not the controls', () => {
    const stale = { runValues: 'σ = 0.25, n = 1,000' };
    const m = copiedLinkMessage({ ...DONE, stale });
    expect(m).toMatch(
      /^Link copied: it reopens the certificate on screen \(σ = 0\.25, n = 1,000\), not the controls' new settings; press "Run with the current settings" first to share those\. Not in the link: /,
    );
    expect(m).not.toContain('part-way');
    // A run paused part-way and then left behind by the controls: the link's run still goes on to n.
    expect(copiedLinkMessage({ ...DONE, status: 'paused', stale })).toContain('This run was paused part-way');
  });
});
