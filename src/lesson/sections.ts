/** The lesson's sections, in lesson order: each has one view (src/app/routes.ts) and its checkpoints. */
export const SECTION_IDS = ['why', 'lab', 'geometry', 'tradeoff', 'limits', 'when', 'check'] as const;

/** One lesson section's id (also its route's id and URL hash, `#/<id>`). */
export type SectionId = (typeof SECTION_IDS)[number];
