/**
 * The numbers of the device lock, in one place (docs/DECISIONS.md "Device lock" says why).
 *
 * PBKDF2-SHA-256 at 600,000 iterations: OWASP's 2023 figure for this hash (310,000 was its 2021
 * one). WebCrypto runs it natively: about 0.2 s on a laptop, about 1 s on a cheap Android
 * tablet, paid once per unlock or online login. Each record stores its own count, so a later
 * release can raise it and re-wrap at the next unlock.
 */
export const PBKDF2_ITERATIONS = 600_000;
export const SALT_BYTES = 16;
export const IV_BYTES = 12;
export const PIN_LENGTH = 6;
/** Wrong PINs in a row before only an online login unlocks the device again. */
export const MAX_PIN_ATTEMPTS = 5;
/** No touch, key or pointer for this long locks a field device. */
export const IDLE_LOCK_MS = 15 * 60_000;
