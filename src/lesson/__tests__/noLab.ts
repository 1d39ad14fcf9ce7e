import type { LessonLab } from '../labReads';

/** A lab for reveals that must not touch it (shipped data, stated numbers): any use throws. */
export const NO_LAB: LessonLab = {
  key: () => {
    throw new Error('this reveal should not read the lab');
  },
  answerFor: () => {
    throw new Error('this reveal should not read the lab');
  },
  inputOf: () => Promise.reject(new Error('this reveal should not read the lab')),
  certify: () => Promise.reject(new Error('this reveal should not run CERTIFY')),
};
