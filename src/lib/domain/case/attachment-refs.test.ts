import { describe, expect, it } from 'vitest';
import { referencedHashes } from './attachment-refs';

const h = (c: string) => c.repeat(64);

describe('referencedHashes', () => {
	it('lists material photos and the signature once each, in order', () => {
		const materials = [
			{ itemCode: 'A', materialId: 'm1', received: true, checkedPoints: [], replacedByCommitment: false, attachmentHashes: [h('a'), h('b')] },
			{ itemCode: 'B', materialId: 'm1', received: true, checkedPoints: [], replacedByCommitment: false, attachmentHashes: [h('b')] }
		];
		expect(referencedHashes({ materials, signatureHash: h('c') })).toEqual([h('a'), h('b'), h('c')]);
		expect(referencedHashes({ materials: [] })).toEqual([]);
	});
});
