import { describe, expect, it } from 'vitest';
import { itemsOfBundle, validateCatalog } from '../catalog';
import { catalogSchema } from '../item.schema';
import { seedCatalog, seedCatalogInput } from './index';

const items = seedCatalog.items;
const proxied = items.filter((i) => i.proxyEligible);

describe('seed catalog', () => {
	it('passes the schema and every cross-reference check', () => {
		expect(catalogSchema.safeParse(seedCatalogInput).success).toBe(true);
		const result = validateCatalog(seedCatalogInput);
		expect(result.ok ? [] : result.problems).toEqual([]);
		expect(seedCatalog.version).toBe(1);
	});

	it('has at least 32 village-proxied items across at least 9 departments', () => {
		expect(proxied.length).toBeGreaterThanOrEqual(32);
		expect(new Set(proxied.map((i) => i.departmentCode)).size).toBeGreaterThanOrEqual(9);
		expect(seedCatalog.departments.every((d) => /^[A-Z]{2,5}$/.test(d.code))).toBe(true);
	});

	it('has at least 8 items with a certificate, including the ones a clerk expects', () => {
		const certificates = items.flatMap((i) => (i.result.kind === 'certificate' ? [i.result.certificateType] : []));
		expect(certificates.length).toBeGreaterThanOrEqual(8);
		for (const name of ['残疾人证', '营业执照', '乡村建设规划许可证', '老年人优待证', '退役军人优待证', '社会保障卡', '居住证', '林木采伐许可证'])
			expect(certificates).toContain(name);
	});

	it('has at least 3 commitment-based items with materials the commitment replaces', () => {
		const commitment = items.filter((i) => i.commitmentAllowed && i.materials.some((m) => m.replaceableByCommitment));
		expect(commitment.length).toBeGreaterThanOrEqual(3);
	});

	it('has the birth, after-death and retirement bundles, each referring to catalog items', () => {
		expect(seedCatalog.bundles.length).toBeGreaterThanOrEqual(3);
		const names = seedCatalog.bundles.map((b) => b.name);
		for (const name of ['出生一件事', '身后一件事', '退休一件事']) expect(names).toContain(name);
		for (const b of seedCatalog.bundles) expect(itemsOfBundle(seedCatalog, b)).toHaveLength(b.itemCodes.length);
	});

	it('promises less than the law allows and cites real legal texts', () => {
		for (const i of items) {
			expect(i.promisedLimitDays, i.code).toBeLessThan(i.statutoryLimitDays);
			expect(i.legalBasis, i.code).toMatch(/《.+》/);
		}
	});

	it('routes township items to the owning department: 初审 then 终审 by its back-room approver', () => {
		for (const i of items.filter((x) => x.villageHandling !== 'village_complete')) {
			const first = i.approvalChain[0];
			const last = i.approvalChain.at(-1);
			expect([first?.name, last?.name], i.code).toEqual(['初审', '终审']);
			for (const s of i.approvalChain) expect([s.role, s.departmentCode], i.code).toEqual(['township_approver', i.departmentCode]);
		}
		expect(items.some((i) => i.approvalChain[0]?.skippable)).toBe(true);
	});

	it('leaves the applicant block (name, ID number, phone) out of item forms', () => {
		const applicantLabels = new Set(['姓名', '申请人姓名', '身份证号', '申请人身份证号', '联系电话', '手机号']);
		for (const i of items)
			for (const f of i.formFields) {
				expect(['name', 'idNumber', 'phone', 'applicantName'], i.code).not.toContain(f.key);
				expect(applicantLabels.has(f.label), `${i.code} ${f.label}`).toBe(false);
			}
	});

	it('has an item the pinyin initials dbsq find', () => {
		expect(items.some((i) => i.subName === '最低生活保障申请' || i.keywords.includes('低保申请'))).toBe(true);
	});
});
