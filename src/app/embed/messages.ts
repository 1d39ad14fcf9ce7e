/**
 * The postMessage protocol between an embedded widget (#/embed/<widget>) and the page that embeds
 * it: what the frame posts to its parent. Pure functions and types: no DOM, no React, tested in
 * Node. What the frame accepts (set-params, and the origin allowlist) is in ./incoming.ts. The
 * README's "Embed in a lesson page" documents each field, and public/embed-messages.schema.json
 * describes every message both ways for authors to validate against.
 *
 * Every message carries `source: 'smoothing-lab'` and `version` (PROTOCOL_VERSION), both ways.
 * From the frame, posted to window.parent with target origin "*":
 *   ready            once, when the widget is laid out; from then on it accepts set-params.
 *   height           the height in CSS px the frame needs; first posted with ready (never before the
 *                    widget is laid out), then whenever it changes (./heightPolicy.ts).
 *   params-changed   the widget's parameters after a change, and what caused it.
 *   certificate      the claim of a finished run, exactly as the lab states it (claimFor).
 *   error            the error message the widget shows.
 * None of them says anything about the learner beyond what the page could read on the screen.
 */
import { ABSTAIN, formatPLower, formatRadius, type Claim } from '../../smoothing';
import type { Params } from '../../store/urlSchema';

/** Marks every message of this protocol, both ways. */
export const MESSAGE_SOURCE = 'smoothing-lab';
/**
 * Bumped if a message's shape ever changes incompatibly. Version 1 also covers the fields and
 * message types added since (they only add to it): a page written for the first two messages still
 * reads them as before.
 */
export const PROTOCOL_VERSION = 1;

interface Envelope<T extends string> {
  source: typeof MESSAGE_SOURCE;
  type: T;
  version: typeof PROTOCOL_VERSION;
  /** The widget's name, as in #/embed/<widget>. */
  widget: string;
}

export type ReadyMessage = Envelope<'ready'>;

export interface HeightMessage extends Envelope<'height'> {
  /** CSS pixels, a whole number. */
  height: number;
}

/** The parameters a page can set and read: the lab's URL schema, the model and stop mode. */
export type WidgetParams = Params & { model: string; stop: boolean; r: number; futile: boolean };

/** What changed the parameters: a control in the widget, the page's set-params, or the frame's URL. */
export type ChangeCause = 'widget' | 'set-params' | 'url';

export interface ParamsChangedMessage extends Envelope<'params-changed'> {
  cause: ChangeCause;
  /** Every parameter's value after the change (clamped, as the widget uses it). */
  params: WidgetParams;
}

export interface CertificateMessage extends Envelope<'certificate'> {
  /** Which promise the claim rests on: the fixed-n Clopper-Pearson bound, or the anytime-valid one. */
  bound: 'fixed-n' | 'anytime';
  kind: 'certified' | 'abstain';
  /** The certified class, or -1 (ABSTAIN). */
  prediction: number;
  abstain: boolean;
  /** p_lower rounded down to 6 decimals (toward safety), as shown. */
  pLower: number;
  /** The certified L2 radius rounded down to 4 decimals, or null on ABSTAIN (never 0). */
  radius: number | null;
  /** Estimation samples the claim rests on, and the n planned before the run. */
  n: number;
  plannedN: number;
  n0: number;
  alpha: number;
  sigma: number;
  seed: number;
  model: string;
  /** The test digit certified, or null for a drawn or photographed input. */
  digit: number | null;
  /** The claim's label and sentence, word for word as the widget shows them. */
  label: string;
  sentence: string;
}

export interface ErrorMessage extends Envelope<'error'> {
  /** The error message the widget shows, word for word. */
  message: string;
}

/** What the frame posts to its parent. */
export type OutgoingMessage =
  ReadyMessage | HeightMessage | ParamsChangedMessage | CertificateMessage | ErrorMessage;

function envelope<T extends string>(type: T, widget: string): Envelope<T> {
  return { source: MESSAGE_SOURCE, type, version: PROTOCOL_VERSION, widget };
}

export function readyMessage(widget: string): ReadyMessage {
  return envelope('ready', widget);
}

export function heightMessage(widget: string, height: number): HeightMessage {
  return { ...envelope('height', widget), height: Math.max(0, Math.ceil(height)) };
}

export function paramsChangedMessage(
  widget: string,
  cause: ChangeCause,
  params: WidgetParams,
): ParamsChangedMessage {
  return { ...envelope('params-changed', widget), cause, params: { ...params } };
}

export function errorMessage(widget: string, message: string): ErrorMessage {
  return { ...envelope('error', widget), message };
}

/** The run a claim is about: its own parameters, which the sliders may since have left. */
export interface ClaimContext {
  params: Params;
  model: string;
  drawn: boolean;
}

/**
 * The certificate message for a claim from claimFor, or null when there is nothing to report (no
 * certificate yet). Its numbers are the claim's own text (rounded toward safety) read back as
 * numbers, and its sentence is the claim's: this builds no guarantee of its own.
 */
export function certificateMessage(
  widget: string,
  claim: Claim,
  run: ClaimContext,
): CertificateMessage | null {
  if (claim.kind === 'none' || claim.bound === null || !Number.isFinite(claim.pLower)) return null;
  const certified = claim.kind === 'certified' && claim.radius !== null;
  return {
    ...envelope('certificate', widget),
    bound: claim.bound,
    kind: certified ? 'certified' : 'abstain',
    prediction: certified ? claim.prediction : ABSTAIN,
    abstain: !certified,
    pLower: Number(formatPLower(claim.pLower)),
    radius: certified ? Number(formatRadius(claim.radius!)) : null,
    n: claim.samples,
    plannedN: run.params.n,
    n0: run.params.n0,
    alpha: run.params.alpha,
    sigma: run.params.sigma,
    seed: run.params.seed,
    model: run.model,
    digit: run.drawn ? null : run.params.digit,
    label: claim.label,
    sentence: claim.sentence,
  };
}

export * from './incoming';
