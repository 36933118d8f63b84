import { smSuite } from './sm-suite';
import { standardSuite } from './standard-suite';
import type { CryptoSuite, CryptoSuiteName } from './suite';

export { cryptoSuiteNameSchema, type CryptoSuite, type CryptoSuiteName, type SigningKeyPair } from './suite';
export { base64urlToBytes, bytesToBase64url, bytesToHex, hexToBytes, utf8 } from './bytes';

const SUITES: Readonly<Record<CryptoSuiteName, CryptoSuite>> = { standard: standardSuite, sm: smSuite };

/** The suite by its recorded name: verification uses the suite a signature was made with. */
export function cryptoSuite(name: CryptoSuiteName): CryptoSuite {
	return SUITES[name];
}
