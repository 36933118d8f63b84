/** A simulated rural link: bandwidth per direction, round-trip time, and packet loss. */
export interface LinkProfile {
	name: string;
	/** Server → device. */
	downBitsPerSecond: number;
	/** Device → server. */
	upBitsPerSecond: number;
	rttMs: number;
	/** Probability that a segment is lost and must be sent again (costs its bytes and one RTT). */
	lossRate: number;
}

/** The profiles (#9): 3G as a village tower gives it, and 2G (EDGE) at the edge of coverage. */
export const PROFILES = {
	'3g': { name: '3G', downBitsPerSecond: 1_600_000, upBitsPerSecond: 384_000, rttMs: 150, lossRate: 0 },
	'2g': { name: '2G', downBitsPerSecond: 240_000, upBitsPerSecond: 120_000, rttMs: 600, lossRate: 0.01 }
} as const satisfies Record<string, LinkProfile>;

export type ProfileId = keyof typeof PROFILES;

/** The setup link (login, app download, test data): fast, so only the measured phase is throttled. */
export const SETUP_LINK: LinkProfile = { name: 'setup', downBitsPerSecond: 1e9, upBitsPerSecond: 1e9, rttMs: 0, lossRate: 0 };
