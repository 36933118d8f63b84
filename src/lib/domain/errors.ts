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
	| 'UNAUTHENTICATED';

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
