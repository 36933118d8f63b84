import type { CaseIntake } from '../case/case.schema';
import type { WorkflowState } from '../case/workflow';
import type { ServiceItem } from '../catalog/item.schema';
import { maskResidentId } from '../ids/mask';
import { deliveryProjectionSchema, type DeliveryProjection } from './delivery.schema';

export interface DeliverySource {
	id: string;
	caseNumber: string;
	villageCode: string;
	intake: Pick<CaseIntake, 'applicant' | 'delivery' | 'form'>;
	workflow: WorkflowState;
	changeSeq: number;
}

export interface DeliveryLookups {
	/** Names of org units (village, grid) by code. */
	orgNames: ReadonlyMap<string, string>;
	/** The case's items as its catalog version has them (for the certificate's title). */
	items: readonly Pick<ServiceItem, 'code' | 'mainName' | 'subName' | 'result'>[];
	/** Signed QR payloads by certificate number, when the certificate window produced them. */
	qrPayloads: ReadonlyMap<string, string>;
}

/**
 * Where to take the certificate: the address given for delivery, else the applicant's address,
 * else the household address most items' forms ask for (the shared form field `householdAddress`).
 */
export function deliveryAddress(intake: Pick<CaseIntake, 'applicant' | 'delivery' | 'form'>): string {
	const household = intake.form['householdAddress'];
	return intake.delivery.address?.trim() || intake.applicant.address.trim() || (typeof household === 'string' ? household.trim() : '');
}

/**
 * The delivery a grid worker's device receives: built field by field from what a hand-over
 * needs (never by copying the case and deleting fields, so a field added to cases later cannot
 * leak), then parsed with the strict schema, which refuses any extra key.
 */
export function projectDelivery(source: DeliverySource, lookups: DeliveryLookups): DeliveryProjection {
	const assignment = source.workflow.delivery.assignments.at(-1);
	if (!assignment) throw new Error(`case ${source.caseNumber} has no delivery assignment`);
	const { applicant } = source.intake;
	const gridCode = applicant.gridCode ?? null;
	return deliveryProjectionSchema.parse({
		caseId: source.id,
		caseNumber: source.caseNumber,
		villageCode: source.villageCode,
		villageName: lookups.orgNames.get(source.villageCode) ?? source.villageCode,
		gridCode,
		gridName: gridCode === null ? null : (lookups.orgNames.get(gridCode) ?? null),
		assignedAt: assignment.assignedAt,
		failedAttempts: assignment.failedAttempts.map((a) => ({ at: a.at, reason: a.reason })),
		certificates: source.workflow.certificates.map((c) => {
			const item = lookups.items.find((i) => i.code === c.itemCode);
			const title = item?.result.kind === 'certificate' ? item.result.certificateType : (item ? (item.subName ?? item.mainName) : c.itemCode);
			return { itemCode: c.itemCode, title, number: c.number, qrPayload: lookups.qrPayloads.get(c.number) ?? null };
		}),
		personal: {
			applicantName: applicant.name,
			maskedId: maskResidentId(applicant.idNumber),
			phone: applicant.phone,
			address: deliveryAddress(source.intake)
		},
		changeSeq: source.changeSeq
	});
}
