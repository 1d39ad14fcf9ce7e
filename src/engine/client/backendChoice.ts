/**
 * The page's memory of which TF.js backend was fastest on this device, per model family, kept in
 * localStorage so a later visit starts at once on the right backend instead of timing them again.
 * An entry is used only while the app build, the browser (its user agent) and the device's core
 * count are the ones it was measured with; anything else, or an unreadable value, means measure again.
 * Pure functions over the stored string, plus two thin localStorage wrappers.
 */
import type { BackendName } from '../protocol';
import { pageWebgl } from './engineStatus';

export const BACKEND_MEMORY_KEY = 'smoothing-lab:backend-choice';
/** The stored format's version: a value written by another version is ignored (measured again). */
export const BACKEND_MEMORY_VERSION = 1;

/** What an entry was measured with; all must match for it to be used. */
export interface DeviceStamp {
  /** The app build (version and build id). */
  app: string;
  /** navigator.userAgent: a browser update changes it. */
  browser: string;
  /** navigator.hardwareConcurrency and, where the page has WebGL, the renderer's name. */
  device: string;
}

export interface RememberedChoice {
  backend: BackendName;
  /** Samples/s of the start-up batch on each backend that ran, when it was measured. */
  timings: Partial<Record<BackendName, number>>;
  /** ISO time of the measurement. */
  measuredAt: string;
}

interface Stored {
  version: number;
  stamp: DeviceStamp;
  families: Record<string, RememberedChoice>;
}

const BACKENDS: readonly string[] = ['webgl', 'wasm', 'cpu'];

function parse(raw: string | null): Stored | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Stored;
    if (v?.version !== BACKEND_MEMORY_VERSION || typeof v.families !== 'object' || !v.stamp) return null;
    return v;
  } catch {
    return null;
  }
}

function sameStamp(a: DeviceStamp, b: DeviceStamp): boolean {
  return a.app === b.app && a.browser === b.browser && a.device === b.device;
}

/** The remembered choice for a model family, or null (none, another build/browser/device, unreadable). */
export function readChoice(raw: string | null, family: string, stamp: DeviceStamp): RememberedChoice | null {
  const v = parse(raw);
  if (!v || !sameStamp(v.stamp, stamp)) return null;
  const c = v.families[family];
  if (!c || !BACKENDS.includes(c.backend) || typeof c.timings !== 'object') return null;
  return c;
}

/**
 * The stored string with `choice` remembered for `family`; entries of other families are kept when
 * they were measured with the same stamp, dropped otherwise.
 */
export function writeChoice(
  raw: string | null,
  family: string,
  stamp: DeviceStamp,
  choice: RememberedChoice,
): string {
  const v = parse(raw);
  const families = v && sameStamp(v.stamp, stamp) ? { ...v.families } : {};
  families[family] = choice;
  const out: Stored = { version: BACKEND_MEMORY_VERSION, stamp, families };
  return JSON.stringify(out);
}

/** This page's stamp: the app build, the browser and the device. */
export function currentStamp(app: string): DeviceStamp {
  return {
    app,
    browser: navigator.userAgent,
    device: `${navigator.hardwareConcurrency ?? 0} cores; ${pageWebgl().renderer}`,
  };
}

/** localStorage's value, or null where storage cannot be read (private modes, blocked storage). */
export function loadMemory(): string | null {
  try {
    return localStorage.getItem(BACKEND_MEMORY_KEY);
  } catch {
    return null;
  }
}

/** Stores the value; where storage cannot be written the lab simply measures again next time. */
export function saveMemory(value: string): void {
  try {
    localStorage.setItem(BACKEND_MEMORY_KEY, value);
  } catch {
    // Nothing lost but a measurement.
  }
}
