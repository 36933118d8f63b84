import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import type { DocumentSection, PrintableDocument, TableCell } from './document.model';
import { buildCommitmentLetter } from './commitment-letter';
import { statusQueryLink } from './document-input';
import { buildIntakeDocuments } from './intake-documents';
import { buildOneTimeNotification } from './one-time-notification';
import { buildReceiptArchive } from './receipt-archive';
import { buildReceiptNotice } from './receipt-notice';
import { buildReviewPoints } from './review-points';
import { APPLICANT_ID, CASE_NUMBER, dibao, gaoling, input, intake, MASKED_ID, record } from './documents.fixtures';

function tables(doc: { sections: readonly DocumentSection[] }) {
	return doc.sections.filter((s) => s.kind === 'table');
}
function field(doc: { sections: readonly DocumentSection[] }, label: string): string | undefined {
	for (const s of doc.sections) if (s.kind === 'fields') for (const r of s.rows) if (r.label === label) return r.value;
	return undefined;
}
function allText(doc: PrintableDocument): string {
	return JSON.stringify(doc);
}
/** Material name → status text, from the materials table (name is column 1, status the last). */
function statusByName(rows: readonly (readonly TableCell[])[]): Record<string, TableCell | undefined> {
	return Object.fromEntries(rows.map((r) => [r[1] as string, r[r.length - 1]]));
}

const dibaoReceivedIdAndIncomeByCommitment = intake({
	materials: [
		record('MZ-DIBAO', 'id-card', { checkedPoints: ['证件在有效期内'] }),
		record('MZ-DIBAO', 'income', { received: false, replacedByCommitment: true })
	]
});

describe('一次性告知单', () => {
	it('lists every material with received, missing, commitment and optional status', () => {
		const doc = buildOneTimeNotification(input({ intake: dibaoReceivedIdAndIncomeByCommitment }));
		const [materials] = tables(doc);
		expect(materials?.rows).toHaveLength(4);
		expect(statusByName(materials?.rows ?? [])).toEqual({
			居民身份证: '已收取',
			户口簿: '缺少，需补齐',
			家庭收入证明: '告知承诺替代',
			近期免冠照片: '未提供（非必要）'
		});
		const missing = doc.sections.find((s) => s.kind === 'text');
		expect(missing).toMatchObject({ heading: '需补齐的材料', paragraphs: ['户口簿'] });
	});

	it('carries a stub with the tally and the missing materials', () => {
		const doc = buildOneTimeNotification(input({ intake: dibaoReceivedIdAndIncomeByCommitment }));
		expect(doc.stub?.title).toBe('一次性告知单（存根）');
		expect(doc.stub?.documentNumber).toBe(doc.documentNumber);
		expect(field(doc.stub!, '材料收取情况')).toBe('已收取1项，缺少1项，告知承诺替代1项');
		expect(field(doc.stub!, '缺少的材料')).toBe('户口簿');
	});

	it('says the materials are complete when nothing is owed', () => {
		const all = intake({ materials: dibao.materials.map((m) => record('MZ-DIBAO', m.id)) });
		const doc = buildOneTimeNotification(input({ intake: all }));
		expect(doc.sections.find((s) => s.kind === 'text')).toMatchObject({ paragraphs: ['所需材料已齐全，无需补齐。'] });
		expect(field(doc.stub!, '缺少的材料')).toBe('无');
	});

	it('does not honour a commitment the catalog does not allow', () => {
		const bogus = intake({
			itemCodes: ['MZ-GAOLING'],
			materials: [record('MZ-GAOLING', 'bank', { received: false, replacedByCommitment: true })]
		});
		const doc = buildOneTimeNotification(input({ intake: bogus }));
		expect(statusByName(tables(doc)[0]?.rows ?? [])['银行卡']).toBe('缺少，需补齐');
		expect(statusByName(tables(doc)[0]?.rows ?? [])['户口簿']).toBe('网上核验，无需提交');
	});

	it('merges a bundle by material name and names the items each serves', () => {
		const bundleIntake = intake({
			itemCodes: ['MZ-DIBAO', 'MZ-GAOLING'],
			bundleCode: 'YJS-LAONIAN',
			materials: [record('MZ-DIBAO', 'id-card'), record('MZ-GAOLING', 'id-card'), record('MZ-GAOLING', 'bank')]
		});
		const doc = buildOneTimeNotification(
			input({ intake: bundleIntake, bundle: { code: 'YJS-LAONIAN', name: '老年人福利一件事', promisedLimitDays: 12 } })
		);
		const [materials] = tables(doc);
		expect(materials?.columns).toContain('适用事项');
		// 居民身份证 and 户口簿 are needed by both items but printed once: 5 distinct names.
		expect(materials?.rows.map((r) => r[1])).toEqual(['居民身份证', '户口簿', '家庭收入证明', '近期免冠照片', '银行卡']);
		const idRow = materials?.rows[0];
		expect(idRow?.[2]).toBe('最低生活保障（城乡低保申请）、高龄津贴');
		expect(idRow?.[4]).toBe('已收取');
		// 低保 needs the hukou on paper even though 高龄津贴 verifies it online: still owed.
		expect(materials?.rows[1]?.[4]).toBe('缺少，需补齐');
		expect(field(doc, '一件事')).toBe('老年人福利一件事');
	});

	it('rejects a bundle that is not the one the case was filed under', () => {
		const bundleIntake = intake({ itemCodes: ['MZ-DIBAO', 'MZ-GAOLING'], bundleCode: 'YJS-LAONIAN' });
		expect(() => buildOneTimeNotification(input({ intake: bundleIntake, bundle: { code: 'YJS-OTHER', name: 'x', promisedLimitDays: 5 } }))).toThrow(DomainError);
	});

	it('fails loudly when an item of the case is not in the catalog given', () => {
		expect(() => buildOneTimeNotification(input({ items: [gaoling] }))).toThrow(/MZ-DIBAO/);
	});
});

describe('收件审核要点', () => {
	it('lists each material with its points and which were ticked', () => {
		const doc = buildReviewPoints(input({ intake: dibaoReceivedIdAndIncomeByCommitment }));
		const [table] = tables(doc);
		expect(table?.rows[0]?.[3]).toEqual([
			{ label: '证件在有效期内', checked: true },
			{ label: '原件与复印件一致', checked: false }
		]);
		const text = doc.sections.find((s) => s.kind === 'text');
		expect(text).toMatchObject({ paragraphs: ['已核对审核要点 1/5 项。', '已收取但审核要点未全部核对的材料：居民身份证。'] });
	});

	it('treats a paper merged across bundle items as one: received once, checked once', () => {
		const bundleIntake = intake({
			itemCodes: ['MZ-DIBAO', 'MZ-GAOLING'],
			// The intake UI recorded the shared ID card under the first item only.
			materials: [record('MZ-DIBAO', 'id-card', { checkedPoints: ['证件在有效期内'] }), record('MZ-GAOLING', 'id-card', { received: false, checkedPoints: ['年满80周岁'] })]
		});
		const [table] = tables(buildReviewPoints(input({ intake: bundleIntake })));
		expect(table?.rows[0]?.[2]).toBe('已收取');
		expect(table?.rows[0]?.[3]).toEqual([
			{ label: '证件在有效期内', checked: true },
			{ label: '原件与复印件一致', checked: false },
			{ label: '年满80周岁', checked: true }
		]);
	});
});

describe('收件通知单', () => {
	it('carries the case number, the date in China time and the query instructions', () => {
		const doc = buildReceiptNotice(input({ intake: dibaoReceivedIdAndIncomeByCommitment }));
		expect(field(doc, '办件编号')).toBe(CASE_NUMBER);
		expect(doc.documentNumber).toBe(`${CASE_NUMBER}-SJ`);
		expect(field(doc, '收件日期')).toBe('2025年3月4日');
		expect(field(doc, '身份证号码')).toBe(MASKED_ID);
		expect(field(doc, '办理事项')).toBe('最低生活保障（城乡低保申请）');
		const query = doc.sections.find((s) => s.kind === 'text' && s.heading === '办理进度查询');
		expect(query).toMatchObject({
			paragraphs: [expect.stringContaining('https://daiban.example.gov.cn/status')]
		});
		const text = query?.kind === 'text' ? query.paragraphs.join('') : '';
		expect(text).toContain(CASE_NUMBER);
		expect(text).toContain('手机号码的后4位');
		expect(doc.sections.find((s) => s.kind === 'qr')).toMatchObject({
			payload: `https://daiban.example.gov.cn/status?case=${CASE_NUMBER}`
		});
	});

	it('lists the materials received and those a commitment stands in for, nothing else', () => {
		const doc = buildReceiptNotice(input({ intake: dibaoReceivedIdAndIncomeByCommitment }));
		expect(tables(doc)[0]?.rows.map((r) => r[1])).toEqual(['居民身份证', '家庭收入证明']);
	});

	it('prints the promised date when known and the limit from acceptance otherwise', () => {
		expect(field(buildReceiptNotice(input({ promisedDate: '2025-03-18' })), '预计办结日期')).toBe('2025年3月18日');
		const pending = buildReceiptNotice(input());
		expect(field(pending, '承诺办结时限')).toBe('10个工作日');
		expect(field(pending, '预计办结日期')).toBe('自受理之日起10个工作日内办结');
	});

	it('takes the bundle limit, or the slowest item without one', () => {
		const both = intake({ itemCodes: ['MZ-DIBAO', 'MZ-GAOLING'] });
		expect(field(buildReceiptNotice(input({ intake: both })), '承诺办结时限')).toBe('15个工作日');
		const bundled = input({ intake: both, bundle: { code: 'YJS-LAONIAN', name: '老年人福利一件事', promisedLimitDays: 12 } });
		expect(field(buildReceiptNotice(bundled), '承诺办结时限')).toBe('12个工作日');
	});

	it('never prints the full ID number', () => {
		const raw = APPLICANT_ID;
		expect(() => buildReceiptNotice(input({ maskedIdNumber: raw }))).toThrow(/unmasked/);
		for (const doc of buildIntakeDocuments(input())) expect(allText(doc)).not.toContain(raw);
	});

	it('rejects a relative status URL', () => {
		expect(() => statusQueryLink('/status', 'X')).toThrow(DomainError);
	});
});

describe('收件档案单', () => {
	it('records time, agent, per-material tally and photo count', () => {
		const hash = 'a'.repeat(64);
		const doc = buildReceiptArchive(
			input({ intake: intake({ materials: [record('MZ-DIBAO', 'id-card', { checkedPoints: ['证件在有效期内'], attachmentHashes: [hash] })] }) })
		);
		expect(field(doc, '收件时间')).toBe('2025年3月4日 07:30');
		expect(field(doc, '代办员')).toBe('李代办');
		const [items, materials] = tables(doc);
		expect(items?.rows).toEqual([['1', 'MZ-DIBAO', '最低生活保障（城乡低保申请）', '10个工作日']]);
		expect(materials?.rows[0]).toEqual(['1', '居民身份证', '原件及复印件 1份', '已收取', '1/2', '1张']);
	});
});

describe('告知承诺书', () => {
	it('appears only when a commitment item has a material replaced', () => {
		expect(buildCommitmentLetter(input())).toBeNull();
		expect(buildIntakeDocuments(input()).map((d) => d.kind)).toEqual([
			'one_time_notification',
			'review_points',
			'receipt_notice',
			'receipt_archive'
		]);
		const docs = buildIntakeDocuments(input({ intake: dibaoReceivedIdAndIncomeByCommitment }));
		expect(docs.map((d) => d.kind)).toContain('commitment_letter');
	});

	it('lists only honoured commitments and names only the items committed for', () => {
		const bundleIntake = intake({
			itemCodes: ['MZ-DIBAO', 'MZ-GAOLING'],
			materials: [
				record('MZ-DIBAO', 'income', { received: false, replacedByCommitment: true }),
				record('MZ-DIBAO', 'hukou', { received: false, replacedByCommitment: true })
			]
		});
		const letter = buildCommitmentLetter(input({ intake: bundleIntake }));
		// 户口簿 is not replaceable at all; 家庭收入证明 is, and only 低保 needs it.
		expect(tables(letter!)[0]?.rows).toEqual([['1', '家庭收入证明', '最低生活保障（城乡低保申请）']]);
		// The letter names only the item committed for, not the whole bundle.
		expect(letter?.sections[0]).toMatchObject({ rows: expect.arrayContaining([{ label: '办理事项', value: '最低生活保障（城乡低保申请）' }]) });
	});

	it('never appears for an item without commitment, whatever the record claims', () => {
		const bogus = intake({ itemCodes: ['MZ-GAOLING'], materials: [record('MZ-GAOLING', 'bank', { received: false, replacedByCommitment: true })] });
		expect(buildCommitmentLetter(input({ intake: bogus }))).toBeNull();
	});

	it('lists the replaced materials, the consequences and a signature line', () => {
		const letter = buildCommitmentLetter(input({ intake: dibaoReceivedIdAndIncomeByCommitment }));
		expect(letter?.title).toBe('告知承诺书');
		expect(tables(letter!)[0]?.rows).toEqual([['1', '家庭收入证明', '最低生活保障（城乡低保申请）']]);
		expect(allText(letter!)).toContain('记入信用记录');
		expect(letter?.signatures[0]).toEqual({ label: '承诺人（签字）', date: '2025年3月4日' });
	});

	it('uses the captured signature image when given and refuses anything but a data URL', () => {
		const png = 'data:image/png;base64,iVBORw0KGgo=';
		const letter = buildCommitmentLetter(input({ intake: dibaoReceivedIdAndIncomeByCommitment, signatureDataUrl: png }));
		expect(letter?.signatures[0]?.imageDataUrl).toBe(png);
		// The image must not reach any other slip: the applicant signed the letter, not those.
		const docs = buildIntakeDocuments(input({ intake: dibaoReceivedIdAndIncomeByCommitment, signatureDataUrl: png }));
		expect(docs.filter((d) => allText(d).includes(png)).map((d) => d.kind)).toEqual(['commitment_letter']);
		expect(() => buildCommitmentLetter(input({ signatureDataUrl: 'https://evil.example/sig.png' }))).toThrow(DomainError);
	});
});

describe('every document', () => {
	it('has a number derived from the case number, and table rows as wide as the columns', () => {
		const docs = buildIntakeDocuments(input({ intake: intake({ itemCodes: ['MZ-DIBAO', 'MZ-GAOLING'], materials: [record('MZ-DIBAO', 'income', { received: false, replacedByCommitment: true })] }) }));
		expect(docs).toHaveLength(5);
		expect(new Set(docs.map((d) => d.documentNumber)).size).toBe(5);
		for (const doc of docs) {
			expect(doc.documentNumber.startsWith(`${CASE_NUMBER}-`)).toBe(true);
			for (const t of tables(doc)) for (const row of t.rows) expect(row).toHaveLength(t.columns.length);
		}
	});
});
