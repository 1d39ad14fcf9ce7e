/** Command-line values shared by the training and certification scripts. */

/**
 * A comma-separated list of noise levels ("0.25,0.5,1"); undefined when the flag is absent.
 * @throws RangeError naming the value that is not a number in [0, 4]
 */
export function parseSigmaList(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((part) => {
    const s = Number(part.trim());
    if (part.trim() === '' || !Number.isFinite(s) || s < 0 || s > 4)
      throw new RangeError(`"${part}" is not a noise level (a number from 0 to 4)`);
    return s;
  });
}
