/**
 * A token bucket that schedules instead of refusing: `reserve(n)` always succeeds and says when
 * the n-th byte has left the link. Tokens may go negative (a debt paid off at `rate`), so
 * successive reservations come out in order and, over time, at exactly `rate` bytes per second,
 * with at most `burst` bytes sent ahead of that pace after an idle spell.
 */
export class TokenBucket {
	private tokens: number;
	private updatedAt: number;

	constructor(
		/** Bytes per second. */
		readonly rate: number,
		/** Bucket size in bytes: what an idle link may send at once. */
		readonly burst: number,
		now: number
	) {
		if (!(rate > 0)) throw new Error(`a token bucket needs a positive rate, got ${rate}`);
		if (!(burst >= 0)) throw new Error(`a token bucket needs a burst of 0 or more, got ${burst}`);
		this.tokens = burst;
		this.updatedAt = now;
	}

	/** Takes `bytes` tokens at time `now` (ms); returns the time (ms, ≥ now) when they are paid for. */
	reserve(bytes: number, now: number): number {
		if (bytes < 0) throw new Error(`cannot reserve ${bytes} bytes`);
		if (now > this.updatedAt) {
			this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) * this.rate) / 1000);
			this.updatedAt = now;
		}
		this.tokens -= bytes;
		if (this.tokens >= 0) return Math.max(now, this.updatedAt);
		return this.updatedAt + (-this.tokens * 1000) / this.rate;
	}
}
