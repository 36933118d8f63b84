import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, utf8 } from './bytes';
import { cryptoSuite } from './index';
import { hmacSm3, sm3Hash, sm4EncryptBlocks } from './sm-suite';
import { aesGcmDecrypt, aesGcmEncrypt } from './standard-suite';

const standard = cryptoSuite('standard');
const sm = cryptoSuite('sm');

describe('Ed25519 (RFC 8032 §7.1, TEST 1–3)', () => {
	const vectors = [
		{
			secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
			public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
			message: '',
			signature:
				'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'
		},
		{
			secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
			public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
			message: '72',
			signature:
				'92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00'
		},
		{
			secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
			public: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
			message: 'af82',
			signature:
				'6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a'
		}
	];
	it.each(vectors)('derives the public key and the exact signature of $message', (v) => {
		const secret = hexToBytes(v.secret);
		expect(bytesToHex(standard.publicKeyOf(secret))).toBe(v.public);
		expect(bytesToHex(standard.sign(secret, hexToBytes(v.message)))).toBe(v.signature);
		expect(standard.verify(hexToBytes(v.public), hexToBytes(v.message), hexToBytes(v.signature))).toBe(true);
	});
	it('rejects a signature with one flipped bit, and garbage without throwing', () => {
		const v = vectors[1]!;
		const bad = hexToBytes(v.signature);
		bad[10]! ^= 1;
		expect(standard.verify(hexToBytes(v.public), hexToBytes(v.message), bad)).toBe(false);
		expect(standard.verify(new Uint8Array(3), hexToBytes(v.message), new Uint8Array(5))).toBe(false);
	});
});

describe('SHA-256 (FIPS 180-2 Appendix B examples)', () => {
	it('hashes "abc" (B.1)', () => {
		expect(bytesToHex(standard.hash(utf8.encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});
	it('hashes the two-block message (B.2)', () => {
		const message = utf8.encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq');
		expect(bytesToHex(standard.hash(message))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
	});
});

describe('AES-256-GCM (McGrew & Viega, "The Galois/Counter Mode of Operation", the test cases NIST SP 800-38D cites)', () => {
	it('Test Case 14: zero key, one zero block', async () => {
		const sealed = await aesGcmEncrypt(new Uint8Array(32), new Uint8Array(12), new Uint8Array(16));
		expect(bytesToHex(sealed)).toBe('cea7403d4d606b6e074ec5d3baf39d18' + 'd0d1c8a799996bf0265b98b5d48ab919');
	});
	it('Test Case 16: with associated data, and decrypts back; a changed AAD fails', async () => {
		const key = hexToBytes('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
		const iv = hexToBytes('cafebabefacedbaddecaf888');
		const plaintext = hexToBytes(
			'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39'
		);
		const aad = hexToBytes('feedfacedeadbeeffeedfacedeadbeefabaddad2');
		const expected =
			'522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662' +
			'76fc6ece0f4e1768cddf8853bb2d551b';
		const sealed = await aesGcmEncrypt(key, iv, plaintext, aad);
		expect(bytesToHex(sealed)).toBe(expected);
		expect(bytesToHex(await aesGcmDecrypt(key, iv, sealed, aad))).toBe(bytesToHex(plaintext));
		await expect(aesGcmDecrypt(key, iv, sealed, new Uint8Array(20))).rejects.toThrow(/tag mismatch/);
	});
});

describe('SM3 (GB/T 32905-2016 Appendix A)', () => {
	it('A.1: "abc"', () => {
		expect(bytesToHex(sm.hash(utf8.encode('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
	});
	it('A.2: the 64-byte message "abcd" × 16', () => {
		expect(bytesToHex(sm3Hash(utf8.encode('abcd'.repeat(16))))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
	});
});

describe('SM4 (GB/T 32907-2016 Appendix A, example 1)', () => {
	it('encrypts the example block with the example key', () => {
		const keyAndPlaintext = hexToBytes('0123456789abcdeffedcba9876543210');
		expect(bytesToHex(sm4EncryptBlocks(keyAndPlaintext, keyAndPlaintext))).toBe('681edf34d206965e86b3e94f536e4246');
	});
});

describe('SM2 signature (GB/T 32918.2; recommended curve of GB/T 32918.5 / GM/T 0003.5-2012)', () => {
	// GM/T 0003.5-2012 Annex A: the signature example on the recommended curve, ID "1234567812345678".
	const publicKey =
		'04' +
		'09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020' +
		'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13';
	const privateKey = '3945208F7B2144B13F36E38AC6D39F958893936928 60B51A42FB81EF4DF7C5B8'.replace(/ /g, '');
	const signature =
		'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3' +
		'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA';
	const message = utf8.encode('message digest');

	it('derives the Annex A public key from its private key', () => {
		expect(bytesToHex(sm.publicKeyOf(hexToBytes(privateKey)))).toBe(publicKey.toLowerCase());
	});
	it('verifies the Annex A signature, and rejects it for another message or a flipped bit', () => {
		expect(sm.verify(hexToBytes(publicKey), message, hexToBytes(signature))).toBe(true);
		expect(sm.verify(hexToBytes(publicKey), utf8.encode('message digesT'), hexToBytes(signature))).toBe(false);
		const flipped = hexToBytes(signature);
		flipped[40]! ^= 0x80;
		expect(sm.verify(hexToBytes(publicKey), message, flipped)).toBe(false);
	});
	it('signs and verifies a round trip with a fresh key; another key does not verify it', () => {
		const keys = sm.generateSigningKey();
		const other = sm.generateSigningKey();
		const text = utf8.encode('证照编号 360121100-2026-000001');
		const sig = sm.sign(keys.privateKey, text);
		expect(sig).toHaveLength(64);
		expect(keys.publicKey).toHaveLength(65);
		expect(sm.verify(keys.publicKey, text, sig)).toBe(true);
		expect(sm.verify(other.publicKey, text, sig)).toBe(false);
	});
	it('answers false (never throws) for malformed keys and signatures', () => {
		expect(sm.verify(new Uint8Array(65), message, hexToBytes(signature))).toBe(false);
		expect(sm.verify(hexToBytes(publicKey), message, new Uint8Array(10))).toBe(false);
	});
});

describe('HMAC-SM3 (GB/T 15852.2 construction)', () => {
	it('differs by key and equals itself', () => {
		const a = hmacSm3(utf8.encode('k1'), utf8.encode('m'));
		expect(bytesToHex(a)).toBe(bytesToHex(hmacSm3(utf8.encode('k1'), utf8.encode('m'))));
		expect(bytesToHex(a)).not.toBe(bytesToHex(hmacSm3(utf8.encode('k2'), utf8.encode('m'))));
	});
});

describe.each([standard, sm])('$name suite: seal/open round trip', (suite) => {
	it('opens what it sealed, and refuses a changed byte or changed associated data', async () => {
		const key = globalThis.crypto.getRandomValues(new Uint8Array(suite.symmetricKeyLength));
		const plaintext = utf8.encode('张三 360121199001011234 低保申请');
		const aad = utf8.encode('case 1');
		const sealed = await suite.seal(key, plaintext, aad);
		expect(utf8.decode(await suite.open(key, sealed, aad))).toBe('张三 360121199001011234 低保申请');
		const changed = sealed.slice();
		changed[changed.length - 20]! ^= 1;
		await expect(suite.open(key, changed, aad)).rejects.toThrow();
		await expect(suite.open(key, sealed, utf8.encode('case 2'))).rejects.toThrow();
		expect(bytesToHex(await suite.seal(key, plaintext, aad))).not.toBe(bytesToHex(sealed));
	});
});
