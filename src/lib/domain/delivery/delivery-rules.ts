import { MAX_DELIVERY_ATTEMPTS } from '../case/workflow';
import type { DeliveryFailArgs, DeliveryRecipient, GeoPoint } from './delivery.schema';

/**
 * The rules of a hand-over that device and server both apply: the device for instant feedback,
 * the server again when the mutation arrives (its answer is final).
 */

/** Whether the recipient's last 4 ID characters match the applicant's ID (X in either case). */
export function idLast4Matches(idNumber: string, last4: string): boolean {
	const id = idNumber.trim().toUpperCase();
	return id.length >= 4 && id.slice(-4) === last4.trim().toUpperCase();
}

/** Failed attempts still allowed before the delivery goes back to the station. */
export function attemptsLeft(failedSoFar: number): number {
	return Math.max(0, MAX_DELIVERY_ATTEMPTS - failedSoFar);
}

/** Whether recording one more failed attempt sends the certificate back to pickup at the station. */
export function nextFailureReturnsToStation(failedSoFar: number): boolean {
	return failedSoFar + 1 >= MAX_DELIVERY_ATTEMPTS;
}

/** The reason as the case's history keeps it (the lifecycle stores one text per attempt). */
export function failedAttemptText(args: Pick<DeliveryFailArgs, 'reason' | 'note' | 'nextPlannedDate'>): string {
	const note = args.note.trim();
	return `${args.reason} (next try ${args.nextPlannedDate})${note ? `: ${note}` : ''}`;
}

/** The recipient as the lifecycle's `record_delivery` event names it. */
export function lifecycleRecipient(
	recipient: DeliveryRecipient,
	applicantName: string
): { name: string; relation: 'applicant' | 'family_member' | 'authorised_proxy' } {
	if (recipient.kind === 'applicant') return { name: applicantName, relation: 'applicant' };
	const note = recipient.relationNote ? `（${recipient.relationNote}）` : '';
	return { name: `${recipient.name}${note}`.slice(0, 50), relation: recipient.relation };
}

/** Where the hand-over happened, as the event's free-text place: "lat,lng ±accuracy m". */
export function placeText(location: GeoPoint | undefined): string | undefined {
	if (!location) return undefined;
	return `${location.lat.toFixed(6)},${location.lng.toFixed(6)} ±${Math.round(location.accuracy)} m`;
}

/** The hand-over time the case records: the device's, but never in the server's future. */
export function deliveryInstant(deviceAt: string, serverNow: Date): string {
	const at = Date.parse(deviceAt);
	return Number.isFinite(at) && at <= serverNow.getTime() ? new Date(at).toISOString() : serverNow.toISOString();
}

/**
 * A tombstone for a delivery names the case and the grid worker who lost it: the same case can
 * leave one worker's device while it stays on (or arrives at) another's.
 */
export function deliveryTombstoneId(caseId: string, userId: string): string {
	return `${caseId}:${userId}`;
}
