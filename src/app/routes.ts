/**
 * The lab's views, one per section of the lesson "Certified Defenses", in lesson order.
 * Routing is by URL hash (#/lab, #/geometry, ...) so the static build works under any path.
 */
import type { SectionId } from '../lesson/sections';

/** The views, one per lesson section (ids owned by src/lesson/sections.ts); `App.tsx` maps each to its component. */
export type { SectionId };

/** Every page: the sections' views, and the lecture plan for instructors (not a lesson section). */
export type RouteId = SectionId | 'lecture';

export interface Route {
  id: RouteId;
  /** Navigation label. */
  title: string;
  /** The lesson section the view accompanies. */
  section: string;
  /** One sentence: what the view lets a student do. */
  summary: string;
}

export const ROUTES: readonly Route[] = [
  {
    id: 'why',
    title: 'Why certify',
    section: 'Why certification matters',
    summary:
      'Attacks and defenses have leapfrogged each other for years; a certificate ends that race inside a stated radius, and promises nothing outside it.',
  },
  {
    id: 'lab',
    title: 'Smoothing lab',
    section: 'Randomized smoothing',
    summary:
      'Add Gaussian noise to one digit thousands of times, let a trained network vote, and turn the votes into a certified L2 radius.',
  },
  {
    id: 'geometry',
    title: 'Geometry and other methods',
    section: 'Other certified defense methods',
    summary:
      'See the certificate as a circle in a 2D toy problem, and compare it with interval bounds, CROWN and a Lipschitz bound on the same network.',
  },
  {
    id: 'tradeoff',
    title: 'Sigma–radius trade-off',
    section: 'The sigma-radius trade-off',
    summary:
      'More noise buys larger radii and costs accuracy. Measure it: certified accuracy against radius, one curve per sigma.',
  },
  {
    id: 'limits',
    title: 'Limits and attacks',
    section: 'Practical limitations',
    summary:
      'Try to break the certificate: an L2 attack inside the radius cannot move the smoothed prediction, an L-infinity one can slip past it.',
  },
  {
    id: 'when',
    title: 'When to use it',
    section: 'When to use certified defenses',
    summary:
      'Certify when someone needs a proof, the threat fits the norm, and the accuracy and compute are affordable; then the summary and your progress.',
  },
  {
    id: 'check',
    title: 'Check the lesson code',
    section: "The lesson's code",
    summary:
      'The lesson’s Python snippet reuses its samples and uses a plug-in quantile instead of a confidence bound. Watch it break its promise.',
  },
];

/** The instructor's page: a suggested 50-minute path through the views (src/lesson/lecture.ts). */
export const LECTURE_ROUTE: Route = {
  id: 'lecture',
  title: 'Lecture plan',
  section: 'A 50-minute lecture with the lab',
  summary:
    'A suggested path through the presets and views for one lecture: at each step, the state to open, the question to put to the room before showing it, and the minutes it takes.',
};

export const DEFAULT_ROUTE = 'lab';

/** The route named by a location hash such as "#/geometry?sigma=0.5"; the default when unknown. */
export function routeFromHash(hash: string): Route {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return [...ROUTES, LECTURE_ROUTE].find((r) => r.id === id) ?? ROUTES.find((r) => r.id === DEFAULT_ROUTE)!;
}
