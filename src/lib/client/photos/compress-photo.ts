import imageCompression from 'browser-image-compression';
// The library's own build, emitted as a hashed asset and precached by the service worker: its
// web worker loads it from here, never from the CDN it would use by default (offline, and a
// request to a third party for every photo of a villager's papers).
import compressionLibUrl from 'browser-image-compression/dist/browser-image-compression.js?url';
import { fitsLimits, planCompression, type ImageFacts } from './compression-plan';
import { PhotoError } from './photo-error';

export interface CompressedPhoto {
	blob: Blob;
	width: number;
	height: number;
	/** False when the file was already small enough and is kept byte for byte. */
	recompressed: boolean;
}

async function dimensions(blob: Blob): Promise<{ width: number; height: number }> {
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(blob);
	} catch (e) {
		throw new PhotoError('UNREADABLE', `the image cannot be decoded: ${e instanceof Error ? e.message : String(e)}`);
	}
	const size = { width: bitmap.width, height: bitmap.height };
	bitmap.close();
	return size;
}

/**
 * Shrinks a camera photo or picked file to the limits of compression-plan.ts, in the browser
 * (canvas, via browser-image-compression in a web worker). Checks what came out by decoding it,
 * and tries again smaller when the library's own iterations left it over the cap.
 */
export async function compressPhoto(file: File | Blob): Promise<CompressedPhoto> {
	if (!file.type.startsWith('image/')) throw new PhotoError('NOT_AN_IMAGE', `not an image: ${file.type || 'unknown type'}`);
	const size = await dimensions(file);
	const facts: ImageFacts = { ...size, bytes: file.size, type: file.type };
	const input = file instanceof File ? file : new File([file], 'photo', { type: file.type });
	for (let attempt = 0; ; attempt++) {
		const plan = planCompression(facts, attempt);
		if (!plan) throw new PhotoError('TOO_DETAILED', `the photo stays over the size limit after ${attempt} attempts`);
		if (plan.action === 'keep') return { blob: file, ...size, recompressed: false };
		const out = await imageCompression(input, {
			maxSizeMB: plan.maxSizeMB,
			maxWidthOrHeight: plan.maxWidthOrHeight,
			fileType: plan.fileType,
			initialQuality: plan.initialQuality,
			useWebWorker: true,
			libURL: new URL(compressionLibUrl, location.href).href
		});
		const got = await dimensions(out);
		if (fitsLimits({ ...got, bytes: out.size })) {
			// A plain Blob: IndexedDB keeps it the same, and the name of the picked file (which may
			// carry the applicant's name) is not stored.
			return { blob: new Blob([out], { type: plan.fileType }), ...got, recompressed: true };
		}
	}
}
