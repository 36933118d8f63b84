/** Why a photo could not be made ready to store (apart from storage failures, see storage/write-error.ts). */
export class PhotoError extends Error {
	constructor(
		readonly code: 'NOT_AN_IMAGE' | 'UNREADABLE' | 'TOO_DETAILED',
		message: string
	) {
		super(message);
		this.name = 'PhotoError';
	}
}
