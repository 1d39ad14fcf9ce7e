import { describe, expect, it } from 'vitest';
import { ABSTAIN } from '../../smoothing';
import { attackVerdict } from '../AttackPanel';

describe('attackVerdict: the attack panel’s wording (issue #12, case 8)', () => {
  it('an abstention five times outside R is not described as allowed near the edge of the ball', () => {
    const v = attackVerdict({ norm: 'l2', radius: 0.6, certified: 3, l2: 3, linf: 0.4, prediction: ABSTAIN });
    expect(v.changed).toBe(false);
    expect(v.text).not.toMatch(/edge of the ball/);
    expect(v.text).toContain('at 5.0 times R');
    expect(v.text).toContain('outside the certified ball');
  });
  it('an abstention inside R says the certificate still holds', () => {
    const v = attackVerdict({
      norm: 'l2',
      radius: 0.6,
      certified: 3,
      l2: 0.5,
      linf: 0.1,
      prediction: ABSTAIN,
    });
    expect(v.text).toContain('not another class');
    expect(v.text).toContain('inside the certified ball');
  });
  it('a changed class outside R under L-infinity says one norm only', () => {
    const v = attackVerdict({ norm: 'linf', radius: 0.6, certified: 3, l2: 1.9, linf: 0.1, prediction: 5 });
    expect(v.changed).toBe(true);
    expect(v.text).toContain('one norm only');
  });
});
