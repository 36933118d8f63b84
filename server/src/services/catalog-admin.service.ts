import type { Db } from '../db/database';
import type { Actor } from '../context';
import { DomainError } from '../../../src/lib/domain/errors';
import { hasRole } from '../../../src/lib/domain/roles';
import { bumpCatalog, pruneStationLists } from '../../../src/lib/domain/catalog/catalog-version';
import { findItem, formatPath, validateCatalog, type CatalogProblem } from '../../../src/lib/domain/catalog/catalog';
import { itemProblems } from '../../../src/lib/domain/catalog/catalog-validation';
import { serviceItemSchema, type Catalog, type ServiceItem } from '../../../src/lib/domain/catalog/item.schema';
import { catalogService } from './catalog.service';
import {
	exportCatalogCsv,
	exportCatalogXlsx,
	importCatalogFile,
	type ImportError,
	type SpreadsheetFormat
} from './catalog-spreadsheet';

/*
 * The supervisor's changes to the catalog. Every change publishes a whole new version (bumpCatalog /
 * validateCatalog decide whether it is valid); old versions stay, because open cases are timed and
 * reviewed against the version they were started under.
 *
 * Validation problems travel as DomainError VALIDATION with `details.problems`, each path relative to
 * what the caller sent: `item.materials[1].id` for the item being saved, `catalog.bundles[0].itemCodes`
 * for a consequence elsewhere in the catalog. The router turns them into per-field errors.
 */

export interface PublishedVersion {
	version: number;
	publishedAt: string;
}

export interface SavedItem extends PublishedVersion {
	code: string;
	/** Nothing differed from the newest version, so nothing was published (`version` is that version). */
	unchanged: boolean;
}

export interface SaveItemInput {
	/** `create` refuses an existing code, `update` a missing one: a typo in a code never overwrites another item. */
	mode: 'create' | 'update';
	/** The version the supervisor's form was loaded from, to notice someone else's change to the same item. */
	baseVersion: number;
	item: ServiceItem;
}

export type ImportOutcome = { ok: true; version: number; itemCount: number } | { ok: false; errors: ImportError[] };

/** Why a save was refused with CONFLICT; the client offers to reload. */
export const ITEM_CHANGED_SINCE_LOADED = 'ITEM_CHANGED_SINCE_LOADED';

/** The endpoint declares the role too; this check also guards the file routes, which are not tRPC. */
function requireSupervisor(actor: Actor): void {
	if (!hasRole(actor, 'supervisor')) throw new DomainError('FORBIDDEN', 'only a supervisor may change or export the catalog');
}

const problemsError = (problems: CatalogProblem[]) =>
	new DomainError('VALIDATION', `the catalog change is invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { problems });

/** bumpCatalog's problems, re-rooted: `items[<index of the saved item>].x` becomes `item.x`, the rest `catalog.…`. */
function reroot(error: unknown, itemIndex: number | undefined): never {
	if (!(error instanceof DomainError) || error.code !== 'VALIDATION' || !Array.isArray(error.details?.problems)) throw error;
	const own = itemIndex === undefined ? undefined : formatPath(['items', itemIndex]);
	const problems = (error.details.problems as CatalogProblem[]).map((p) =>
		own !== undefined && (p.path === own || p.path.startsWith(`${own}.`) || p.path.startsWith(`${own}[`))
			? // validateCatalog names the item in front of its message; next to the field that is noise.
				{ path: `item${p.path.slice(own.length)}`, message: p.message.replace(/^item [A-Z0-9-]+: /, '') }
			: { path: `catalog.${p.path}`, message: p.message }
	);
	throw problemsError(problems);
}

const published = (c: Catalog): PublishedVersion => ({ version: c.version, publishedAt: c.publishedAt });

/** Bundles that list an item the imported sheet no longer has: the sheet carries items only, so these are named here. */
function orphanedBundles(catalog: Catalog, itemCodes: ReadonlySet<string>): ImportError[] {
	return catalog.bundles.flatMap((b) => {
		const missing = b.itemCodes.filter((c) => !itemCodes.has(c));
		return missing.length === 0
			? []
			: [{ row: 0, column: '事项编码', message: `一件事“${b.name}”（${b.code}）包含的事项 ${missing.join('、')} 不在导入的清单中` }];
	});
}

export const catalogAdminService = {
	async saveItem(db: Db, actor: Actor, input: SaveItemInput, now: Date): Promise<SavedItem> {
		requireSupervisor(actor);
		const { item } = input;
		const base = await catalogService.version(db, input.baseVersion);
		// Saving twice, or without a change, must not send every device a new catalog.
		const newest = await catalogService.latest(db);
		if (input.mode === 'update' && newest.version === base.version && JSON.stringify(findItem(newest, item.code)) === JSON.stringify(item))
			return { ...published(newest), code: item.code, unchanged: true };
		const next = await catalogService.publishNext(db, (latest) => {
			const current = findItem(latest, item.code);
			if (input.mode === 'update') {
				if (!current) throw new DomainError('NOT_FOUND', `item ${item.code} is not in catalog version ${latest.version}`);
				if (JSON.stringify(findItem(base, item.code)) !== JSON.stringify(current))
					throw new DomainError(
						'CONFLICT',
						`item ${item.code} was changed in version ${latest.version} after version ${base.version} was loaded: reload it`,
						{ reason: ITEM_CHANGED_SINCE_LOADED }
					);
			}
			// validateCatalog looks at an item's references only once its own rules pass; here the
			// supervisor gets both in one answer. bumpCatalog then validates the whole catalog.
			const refined = serviceItemSchema.safeParse(item);
			const own = [
				...(input.mode === 'create' && current ? [{ path: ['code'], message: `item code ${item.code} already exists` }] : []),
				...(refined.success ? [] : refined.error.issues),
				...itemProblems(item, new Set(latest.departments.map((d) => d.code)))
			];
			if (own.length > 0) throw problemsError(own.map((p) => ({ path: formatPath(['item', ...p.path]), message: p.message })));
			const index = current ? latest.items.indexOf(current) : latest.items.length;
			try {
				return bumpCatalog(latest, { upsertItems: [item] }, now);
			} catch (e) {
				return reroot(e, index);
			}
		});
		return { ...published(next), code: item.code, unchanged: false };
	},

	async removeItem(db: Db, actor: Actor, code: string, now: Date): Promise<PublishedVersion> {
		requireSupervisor(actor);
		const next = await catalogService.publishNext(db, (latest) => {
			if (!findItem(latest, code)) throw new DomainError('NOT_FOUND', `item ${code} is not in catalog version ${latest.version}`);
			try {
				return bumpCatalog(latest, { removeItemCodes: [code] }, now);
			} catch (e) {
				return reroot(e, undefined);
			}
		});
		return published(next);
	},

	/**
	 * Publishes one village station's proxy list (代办事项清单) as a new catalog version, so every device
	 * of that station gets it with its next catalog pull. An empty list withdraws it.
	 */
	async saveStationList(db: Db, actor: Actor, input: { villageCode: string; itemCodes: string[] }, now: Date): Promise<PublishedVersion> {
		requireSupervisor(actor);
		if (!input.villageCode.startsWith(actor.scope.townshipCode))
			throw new DomainError('FORBIDDEN', `village ${input.villageCode} is not in township ${actor.scope.townshipCode}`);
		const next = await catalogService.publishNext(db, (latest) => {
			try {
				return bumpCatalog(latest, { upsertStationLists: [input] }, now);
			} catch (e) {
				return reroot(e, undefined);
			}
		});
		return published(next);
	},

	async export(db: Db, actor: Actor, format: SpreadsheetFormat, version?: number): Promise<{ version: number; body: Buffer }> {
		requireSupervisor(actor);
		const catalog = version === undefined ? await catalogService.latest(db) : await catalogService.version(db, version);
		const body = format === 'xlsx' ? await exportCatalogXlsx(catalog) : Buffer.from(exportCatalogCsv(catalog), 'utf8');
		return { version: catalog.version, body };
	},

	/**
	 * The sheet is the whole item list: the new version holds exactly its items, in its order, with the
	 * departments and bundles of the current version. Any bad row, or a bundle left without one of its
	 * items, refuses the whole file and lists every problem.
	 */
	async import(db: Db, actor: Actor, file: Buffer, format: SpreadsheetFormat, now: Date): Promise<ImportOutcome> {
		requireSupervisor(actor);
		const current = await catalogService.latest(db);
		const read = await importCatalogFile(file, format, current.departments);
		if (!read.ok) return read;
		try {
			const next = await catalogService.publishNext(db, (latest) => {
				const result = validateCatalog({
					...latest,
					version: latest.version + 1,
					publishedAt: now.toISOString(),
					items: read.items,
					// The sheet carries items only; a station keeps its list minus what the sheet withdrew.
					stationLists: pruneStationLists(latest.stationLists, read.items)
				});
				if (!result.ok) {
					// A bundle left without an item is named once, in the sheet's terms, instead of once per missing code.
					const errors = orphanedBundles(latest, new Set(read.items.map((i) => i.code)));
					for (const p of result.problems)
						if (!/refers to unknown item/.test(p.message)) errors.push({ row: 0, column: '', message: `${p.path}: ${p.message}` });
					throw new DomainError('VALIDATION', 'the imported item list is invalid', { importErrors: errors });
				}
				return result.catalog;
			});
			return { ok: true, version: next.version, itemCount: next.items.length };
		} catch (e) {
			if (e instanceof DomainError && Array.isArray(e.details?.importErrors)) return { ok: false, errors: e.details.importErrors as ImportError[] };
			throw e;
		}
	}
};
