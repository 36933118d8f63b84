import type { LinkProfile } from './profiles';

/**
 * The physical limit of a transfer on a link: the bytes that must cross it, each direction at
 * its own bandwidth, plus the round trips nobody can avoid. Directions are summed, not
 * overlapped: a sync sends its cases and photos, then receives the answer, and the upload
 * dominates anyway on every profile (uplink is the narrow side).
 *
 *   limit = up bytes × 8 ÷ up bit/s + down bytes × 8 ÷ down bit/s + round trips × RTT
 */
export interface TransferSize {
	upBytes: number;
	downBytes: number;
	/** Round trips that cannot be avoided (a TCP handshake and one request/response at least: 2). */
	roundTrips: number;
}

export function physicalLimitMs(profile: Pick<LinkProfile, 'upBitsPerSecond' | 'downBitsPerSecond' | 'rttMs'>, size: TransferSize): number {
	if (size.upBytes < 0 || size.downBytes < 0 || size.roundTrips < 0) throw new Error('a transfer has no negative sizes');
	const up = (size.upBytes * 8 * 1000) / profile.upBitsPerSecond;
	const down = (size.downBytes * 8 * 1000) / profile.downBitsPerSecond;
	return up + down + size.roundTrips * profile.rttMs;
}
