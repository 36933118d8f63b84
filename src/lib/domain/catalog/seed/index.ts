import { catalogSchema, type Catalog, type CatalogInput } from '../item.schema';
import { seedBundles } from './bundles';
import { canlianItems } from './canlian';
import { seedDepartments } from './departments';
import { gonganItems } from './gongan';
import { minzhengItems } from './minzheng';
import { nongyeItems } from './nongye';
import { rensheItems } from './renshe';
import { shichangItems } from './shichang';
import { sifaItems } from './sifa';
import { seedStationLists } from './station-lists';
import { tuiyiItems } from './tuiyi';
import { weijianItems } from './weijian';
import { yibaoItems } from './yibao';
import { ziranItems } from './ziran';

/** The seed as authored (defaults omitted); tests run it through validateCatalog to see every problem at once. */
export const seedCatalogInput: CatalogInput = {
	version: 1,
	publishedAt: '2025-01-01T00:00:00.000+08:00',
	departments: seedDepartments,
	items: [
		...minzhengItems,
		...rensheItems,
		...yibaoItems,
		...gonganItems,
		...weijianItems,
		...canlianItems,
		...shichangItems,
		...ziranItems,
		...nongyeItems,
		...tuiyiItems,
		...sifaItems
	],
	bundles: seedBundles,
	stationLists: seedStationLists
};

/** A county catalog a township clerk would recognise: version 1, as first published to devices. */
export const seedCatalog: Catalog = catalogSchema.parse(seedCatalogInput);

export { seedDepartments } from './departments';
export { seedBundles } from './bundles';
