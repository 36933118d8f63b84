import { api } from './trpc';
import { attachmentUrl, loadActorNames } from './backoffice';
import { stationName, statusQueryUrl } from './cases/intake-documents';
import { computeDeadline } from '$lib/domain/calendar';
import { buildIntakeDocuments, type IntakeDocumentInput, type PrintableDocument } from '$lib/domain/documents';
import { maskResidentId } from '$lib/domain/ids';

/*
 * The intake paperwork (四单一书) of a case as the township sees it: the same documents the station
 * printed, rebuilt from the server's copy (intake, the catalog version it was taken under, the agent
 * who took it, the signature uploaded with it), so a clerk checks what the villager was handed.
 */

async function dataUrlOf(url: string): Promise<string | undefined> {
	const res = await fetch(url, { credentials: 'same-origin' });
	if (!res.ok) return undefined;
	const blob = await res.blob();
	return new Promise((resolve, reject) => {
		const reader = new FileReader();
		reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : undefined);
		reader.onerror = () => reject(reader.error ?? new Error('the signature could not be read'));
		reader.readAsDataURL(blob);
	});
}

export interface TownshipCaseDocuments {
	caseNumber: string;
	documents: PrintableDocument[];
}

export async function loadTownshipCaseDocuments(caseId: string, origin: string): Promise<TownshipCaseDocuments> {
	const detail = await api.case.get.query({ caseId });
	const intake = detail.case;
	const catalog = await api.catalog.byVersion.query({ version: intake.catalogVersion });
	const bundle = intake.bundleCode ? catalog.bundles.find((b) => b.code === intake.bundleCode) : undefined;
	// The agent who took it: the actor of the case's first event (submit, on the device).
	const takenBy = detail.events[0]?.actorId ?? intake.createdBy;
	const agentName = (await loadActorNames([takenBy]))[takenBy] ?? takenBy;
	const clock = detail.workflow?.clock;
	const signatureDataUrl = intake.signatureHash ? await dataUrlOf(attachmentUrl(intake.signatureHash, caseId)) : undefined;
	const input: IntakeDocumentInput = {
		intake,
		items: catalog.items.filter((i) => intake.itemCodes.includes(i.code)),
		...(bundle ? { bundle } : {}),
		stationName: stationName(intake.villageCode),
		agentName,
		maskedIdNumber: maskResidentId(intake.applicant.idNumber),
		promisedDate: clock ? (computeDeadline(clock)?.dueDate ?? null) : null,
		statusQueryUrl: statusQueryUrl(origin),
		...(signatureDataUrl ? { signatureDataUrl } : {})
	};
	return { caseNumber: intake.caseNumber, documents: buildIntakeDocuments(input) };
}
