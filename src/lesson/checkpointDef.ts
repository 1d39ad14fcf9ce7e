/** What a predict-then-reveal checkpoint is made of; the component that shows one is src/components/Checkpoint.tsx. */
import type { ReactNode } from 'react';
import type { AskedSetting } from './askedSetting';
import type { LessonLab } from './labReads';
import type { SectionId } from './sections';

/**
 * The numbers a question depends on, measured from the lab's state when the question is asked:
 * `facts` is shown with the question, `data` is handed to the reveal so that the answer is judged
 * on the very numbers the student saw.
 */
export interface Asked {
  facts: ReactNode;
  data: Record<string, number>;
  /**
   * The lab state (input, model, sigma, n, n0, alpha, seed) the question is about, where it is about
   * one: the reveal runs its experiment on this snapshot, not on the lab's state at reveal time.
   */
  setting?: AskedSetting;
}

/**
 * Where a question takes its state from: `default` when it is first shown (a question about the lab
 * reads the lab; one with its own example uses that), `lab` when the student asks it again with the
 * lab's current settings.
 */
export type AskSource = 'default' | 'lab';

/** One predict-then-reveal checkpoint: a question, the options, and the experiment that answers it. */
export interface CheckpointDef {
  id: string;
  /** The lesson section (and route) it belongs to. */
  section: SectionId;
  question: string;
  options: readonly { value: string; label: string }[];
  /**
   * Measures what the question depends on (optional: a question with fixed numbers states them).
   * `signal` aborts when the answer is no longer wanted (the student left the view, or asked again):
   * every engine job the measurement started is cancelled then. `lab`: the lab, passed in by the page.
   */
  ask?: (source: AskSource, signal: AbortSignal, lab: LessonLab) => Promise<Asked>;
  /**
   * Runs the experiment; resolves to the option it came out as, or every option that is right
   * when several are (a tie: each counts as right), and what to show, with the measured numbers.
   */
  reveal: (
    asked: Asked | null,
    signal: AbortSignal,
    lab: LessonLab,
  ) => Promise<{ answer: string | readonly string[]; detail: ReactNode }>;
  /** Why it comes out that way, shown after the reveal; true whichever way the experiment came out. */
  why: ReactNode;
  /** Shown by its own widget (before the experiment it asks about), not in the section's list. */
  inline?: boolean;
}

/** The options that are right, as a list (a tie lists several). */
export function rightAnswers(answer: string | readonly string[]): readonly string[] {
  return typeof answer === 'string' ? [answer] : answer;
}

/** The letters that name a checkpoint's options, in order, and choose them from the keyboard. */
export const OPTION_KEYS = ['a', 'b', 'c', 'd', 'e'] as const;
