import { t, type MessageKey } from '$lib/i18n/i18n.svelte';

/*
 * The server states catalog problems in English (domain and zod messages, stable texts); the supervisor
 * reads them in the UI language. A message without a rule here is shown as the server wrote it.
 */
type Rule = [RegExp, MessageKey, (m: RegExpMatchArray) => Record<string, string>];
const none = () => ({});
const RULES: Rule[] = [
	[/promised limit \((\d+)\) must not exceed the statutory limit \((\d+)\)/, 'catalog.problem.promisedOverStatutory', (m) => ({ promised: m[1] ?? '', statutory: m[2] ?? '' })],
	[/duplicate material id (\S+)/, 'catalog.problem.duplicateMaterial', (m) => ({ id: m[1] ?? '' })],
	[/unknown department (\S+)/, 'catalog.problem.unknownDepartment', (m) => ({ code: m[1] ?? '' })],
	[/duplicate step id (\S+)/, 'catalog.problem.duplicateStep', (m) => ({ id: m[1] ?? '' })],
	[/the final step cannot be skipped/, 'catalog.problem.finalStepSkippable', none],
	[/an item completed at village level is signed off by the village agent/, 'catalog.problem.villageCompleteNeedsAgent', none],
	[/a village agent may only sign off items completed at village level/, 'catalog.problem.agentOnlyVillageComplete', none],
	[/a proxy-eligible item must be accepted at village level/, 'catalog.problem.proxyNeedsVillage', none],
	[/an item accepted at village level must be proxy-eligible/, 'catalog.problem.villageNeedsProxy', none],
	[/duplicate form field key (\S+)/, 'catalog.problem.duplicateFieldKey', (m) => ({ key: m[1] ?? '' })],
	[/select field (\S+) has no options/, 'catalog.problem.selectWithoutOptions', none],
	[/replaceable by commitment but the item does not allow commitment/, 'catalog.problem.commitmentNotAllowed', none],
	[/item code (\S+) already exists/, 'catalog.problem.codeExists', (m) => ({ code: m[1] ?? '' })],
	[/bundle (\S+) refers to unknown item (\S+)/, 'catalog.problem.bundleNeedsItem', (m) => ({ bundle: m[1] ?? '', item: m[2] ?? '' })],
	[/^item code: /, 'catalog.problem.codeFormat', none],
	[/^material id: /, 'catalog.problem.materialIdFormat', none],
	[/^field key: /, 'catalog.problem.fieldKeyFormat', none],
	[/expected string to have >=1 characters/, 'catalog.problem.required', none],
	[/expected array to have >=1 items/, 'catalog.problem.atLeastOne', none],
	[/expected int, received/, 'catalog.problem.integer', none],
	[/expected number, received/, 'catalog.problem.number', none],
	[/Too small: expected number to be >=(\d+)/, 'catalog.problem.min', (m) => ({ min: m[1] ?? '' })],
	[/Too big: expected number to be <=(\d+)/, 'catalog.problem.max', (m) => ({ max: m[1] ?? '' })]
];

export function problemText(message: string): string {
	for (const [pattern, key, params] of RULES) {
		const m = message.match(pattern);
		if (m) return t(key, params(m));
	}
	return message;
}
