/** Lets the page paint and take input between batches of a long simulation; resolves true (go on). */
export const yieldToPage = () => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0));
