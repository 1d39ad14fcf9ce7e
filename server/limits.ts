/** Rate limits: a token bucket per client (WebSocket connection) and per address (HTTP). */

export interface Rate {
  /** Messages allowed at once. */
  burst: number;
  /** Messages allowed per second after the burst. */
  perSecond: number;
}

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly rate: Rate,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = rate.burst;
    this.at = now();
  }

  /** Takes one token; false when the client is over its rate. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.rate.burst, this.tokens + ((t - this.at) / 1000) * this.rate.perSecond);
    this.at = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** One bucket per key (an address), forgotten after a quiet while so the map stays small. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, { bucket: TokenBucket; seen: number }>();

  constructor(private readonly rate: Rate) {}

  take(key: string): boolean {
    const now = Date.now();
    if (this.buckets.size > 10_000) {
      for (const [k, v] of this.buckets) if (now - v.seen > 600_000) this.buckets.delete(k);
    }
    let b = this.buckets.get(key);
    if (!b) {
      b = { bucket: new TokenBucket(this.rate), seen: now };
      this.buckets.set(key, b);
    }
    b.seen = now;
    return b.bucket.take();
  }
}
