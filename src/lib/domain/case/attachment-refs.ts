/**
 * Every attachment a case references, once each, in order of appearance: the photos of its
 * materials and the applicant's signature. Device and server agree on this list, so "materials
 * still uploading" and download rights mean the same thing on both sides.
 */
export function referencedHashes(intake: {
	materials: readonly { attachmentHashes?: readonly string[] }[];
	signatureHash?: string;
}): string[] {
	const hashes = intake.materials.flatMap((m) => m.attachmentHashes ?? []);
	if (intake.signatureHash) hashes.push(intake.signatureHash);
	return [...new Set(hashes)];
}
