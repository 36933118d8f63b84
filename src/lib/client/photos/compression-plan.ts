/**
 * How a photo of a material is shrunk on the device before it is kept and sent: at most
 * 1600 px on its longest side and about 250 KB, so a case's photos cross a village's 2G link
 * in minutes and a tablet holds thousands of them. The numbers live here, apart from the canvas
 * work (compress-photo.ts), so Node tests can check them; the browser applies them.
 */

/** Longest side in pixels: an A4 document photographed at 1600 px stays legible (about 190 dpi). */
export const MAX_LONG_SIDE = 1600;
/** Target size of one stored photo. */
export const TARGET_BYTES = 250 * 1024;
/**
 * JPEG, not WebP: every tablet and browser the stations use can encode JPEG from a canvas,
 * while an old WebView asked for WebP silently hands back a PNG many times the size.
 */
export const OUTPUT_TYPE = 'image/jpeg';
/** Each attempt after the first shrinks the picture and the quality; after these we give up. */
export const MAX_ATTEMPTS = 4;

const MAX_QUALITY = 0.92;
const MIN_QUALITY = 0.3;
const SHRINK_PER_ATTEMPT = 0.8;
const QUALITY_PER_ATTEMPT = 0.85;
/** Rough JPEG cost of a document photo: ~3 bits per pixel at quality 0.92, ~0.6 at 0.5. */
const BPP_AT_MAX = 3;
const BPP_AT_HALF = 0.6;

export interface ImageFacts {
	width: number;
	height: number;
	bytes: number;
	type: string;
}

export interface Dimensions {
	width: number;
	height: number;
}

export type CompressionPlan =
	/** Small enough already, in a photo format: stored as it is (re-encoding would only lose detail). */
	| { action: 'keep' }
	| {
			action: 'compress';
			attempt: number;
			/** What browser-image-compression takes: the longest side, a size cap in MB, the type and first quality. */
			maxWidthOrHeight: number;
			maxSizeMB: number;
			fileType: typeof OUTPUT_TYPE;
			initialQuality: number;
			/** The size expected out, for the caller's check. */
			expected: Dimensions;
	  };

/** Scales down (never up) so the longest side is at most `maxSide`, keeping the aspect ratio. */
export function targetDimensions(width: number, height: number, maxSide: number = MAX_LONG_SIDE): Dimensions {
	if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) {
		throw new RangeError(`an image has a positive size, got ${width}×${height}`);
	}
	const long = Math.max(width, height);
	if (long <= maxSide) return { width, height };
	const scale = maxSide / long;
	// The long side lands on maxSide exactly; the short one is rounded down so it never grows past it.
	return width >= height
		? { width: maxSide, height: Math.max(1, Math.floor(height * scale)) }
		: { width: Math.max(1, Math.floor(width * scale)), height: maxSide };
}

/** A first JPEG quality that should land near the byte budget for this many pixels. */
export function initialQuality(pixels: number, targetBytes: number = TARGET_BYTES): number {
	if (!(pixels > 0)) throw new RangeError(`pixels must be positive, got ${pixels}`);
	const budgetBpp = (targetBytes * 8) / pixels;
	const q = 0.5 + ((budgetBpp - BPP_AT_HALF) / (BPP_AT_MAX - BPP_AT_HALF)) * (MAX_QUALITY - 0.5);
	return round2(clamp(q, MIN_QUALITY, MAX_QUALITY));
}

/** Whether a stored photo meets the limits. */
export function fitsLimits(out: { width: number; height: number; bytes: number }): boolean {
	return out.bytes <= TARGET_BYTES && Math.max(out.width, out.height) <= MAX_LONG_SIDE;
}

/**
 * The plan for one attempt (0 first). Attempt n asks for a smaller picture (×0.8 per attempt on the
 * longest side) at a lower quality (×0.85), for the rare photo the library could not bring under
 * the cap in its own iterations (fine print, noise). Null when the attempts are used up.
 */
export function planCompression(facts: ImageFacts, attempt = 0): CompressionPlan | null {
	if (attempt >= MAX_ATTEMPTS) return null;
	const isPhotoType = facts.type === 'image/jpeg' || facts.type === 'image/webp';
	if (attempt === 0 && isPhotoType && fitsLimits({ width: facts.width, height: facts.height, bytes: facts.bytes })) {
		return { action: 'keep' };
	}
	const first = targetDimensions(facts.width, facts.height);
	const maxSide = Math.round(MAX_LONG_SIDE * SHRINK_PER_ATTEMPT ** attempt);
	const expected = targetDimensions(facts.width, facts.height, maxSide);
	// From the first attempt's quality, not recomputed for the smaller picture (which would raise it):
	// a retry means this photo costs more per pixel than the estimate thought.
	const quality = initialQuality(first.width * first.height) * QUALITY_PER_ATTEMPT ** attempt;
	return {
		action: 'compress',
		attempt,
		maxWidthOrHeight: Math.max(expected.width, expected.height),
		maxSizeMB: TARGET_BYTES / (1024 * 1024),
		fileType: OUTPUT_TYPE,
		initialQuality: round2(clamp(quality, MIN_QUALITY, MAX_QUALITY)),
		expected
	};
}

function clamp(v: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, v));
}

function round2(v: number): number {
	return Math.round(v * 100) / 100;
}
