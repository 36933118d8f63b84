/**
 * Domain errors carry a stable machine code (for the client and for sync rejections)
 * and a human-readable message naming what is wrong. The server maps them to tRPC codes.
 */
export type DomainErrorCode =
	| 'VALIDATION'
	| 'ILLEGAL_TRANSITION'
	| 'FORBIDDEN'
	| 'NOT_FOUND'
	| 'CONFLICT'
	| 'UNAUTHENTICATED'
	/** Too many attempts (login throttling, public pages' limits): try again later. */
	| 'RATE_LIMITED';

export class DomainError extends Error {
	constructor(
		readonly code: DomainErrorCode,
		message: string,
		readonly details?: Record<string, unknown>
	) {
		super(message);
		this.name = 'DomainError';
	}
}

/** The HTTP status for each code, for the binary routes beside tRPC (tRPC maps its own). */
export const HTTP_STATUS_OF: Readonly<Record<DomainErrorCode, number>> = {
	VALIDATION: 400,
	ILLEGAL_TRANSITION: 409,
	FORBIDDEN: 403,
	NOT_FOUND: 404,
	CONFLICT: 409,
	UNAUTHENTICATED: 401,
	RATE_LIMITED: 429
};
