/** What a class session keeps in this browser (localStorage): never more than these three things. */

const INSTRUCTOR = 'smoothing-lab-class-instructor';
const STUDENT_CODE = 'smoothing-lab-class-code';
const STUDENT_ID = 'smoothing-lab-class-id';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function write(key: string, value: string | null) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage refused (private mode): the session lasts as long as the page
  }
}

/** The instructor's session and token, kept so a reload (or a server restart) resumes it. */
export interface InstructorKeep {
  session: string;
  token: string;
}

export function readInstructor(): InstructorKeep | null {
  try {
    const v = JSON.parse(read(INSTRUCTOR) ?? 'null') as Partial<InstructorKeep> | null;
    return v && typeof v.session === 'string' && typeof v.token === 'string'
      ? { session: v.session, token: v.token }
      : null;
  } catch {
    return null;
  }
}
export const writeInstructor = (v: InstructorKeep | null) => write(INSTRUCTOR, v && JSON.stringify(v));

export const readStudentCode = () => read(STUDENT_CODE);
export const writeStudentCode = (code: string | null) => write(STUDENT_CODE, code);

/**
 * This browser's anonymous id: random, made here, kept here; the server stores only a hash of it
 * with the session. crypto.getRandomValues works on a plain-http LAN address too (randomUUID does not).
 */
export function anonymousId(): string {
  const kept = read(STUDENT_ID);
  if (kept && /^[a-z0-9]{16,40}$/.test(kept)) return kept;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('');
  write(STUDENT_ID, id);
  return id;
}
