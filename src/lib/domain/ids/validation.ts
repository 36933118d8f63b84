import { z } from 'zod';

/** Reason codes are stable so the UI translates them; `message` is the English fallback. */
export type Invalid<Reason extends string> = { ok: false; reason: Reason; message: string };

export function invalid<Reason extends string>(reason: Reason, message: string): Invalid<Reason> {
	return { ok: false, reason, message };
}

/**
 * Chinese input methods in full-width mode type '１１０１…' and 'Ｘ', and people copy numbers
 * with spaces from printed forms; both are the same identifier, so they are folded before
 * validation instead of being rejected.
 */
export function normalizeIdentifierInput(raw: string): string {
	return raw
		.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/[\s\u3000]+/g, '')
		.toUpperCase();
}

/**
 * A string schema that stores the normalised form and reports the validator's own reason and
 * message (in `params.reason`), so a form says what is wrong rather than "invalid".
 */
export function identifierSchema<Reason extends string>(
	normalize: (raw: string) => string,
	validate: (normalized: string) => { ok: true } | Invalid<Reason>
) {
	return z
		.string()
		.overwrite(normalize)
		.superRefine((value, ctx) => {
			const result = validate(value);
			if (!result.ok) {
				ctx.addIssue({ code: 'custom', message: result.message, params: { reason: result.reason } });
			}
		});
}
