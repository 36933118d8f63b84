import { describe, expect, it } from 'vitest';
import {
	filterFromSearchParams,
	filterToSearchParams,
	inWaitingBucket,
	parseSearchTerm,
	waitingDays
} from './queue-filter';

describe('parseSearchTerm', () => {
	it('reads the masked ID printed on paper as first 4 + last 4', () => {
		expect(parseSearchTerm('3601**********1234')).toEqual({ kind: 'masked_id', first4: '3601', last4: '1234' });
		expect(parseSearchTerm(' 3601＊＊＊＊002x ')).toEqual({ kind: 'masked_id', first4: '3601', last4: '002X' });
	});
	it('reads four characters as the ID number’s last 4 (check character X included)', () => {
		expect(parseSearchTerm('1234')).toEqual({ kind: 'id_last4', last4: '1234' });
		expect(parseSearchTerm('123x')).toEqual({ kind: 'id_last4', last4: '123X' });
	});
	it('reads a case number or a fragment of one', () => {
		expect(parseSearchTerm('360121100201-261123-K7Q-0001-M')).toEqual({ kind: 'case_number', fragment: '360121100201-261123-K7Q-0001-M' });
		expect(parseSearchTerm('k7q-0001')).toEqual({ kind: 'case_number', fragment: 'K7Q-0001' });
	});
	it('reads anything else as a name; nothing for an empty box', () => {
		expect(parseSearchTerm('张 三')).toEqual({ kind: 'name', fragment: '张三' });
		expect(parseSearchTerm('   ')).toBeNull();
		expect(parseSearchTerm(undefined)).toBeNull();
	});
	it('never treats a full ID number as an ID search', () => {
		expect(parseSearchTerm('36012119800101001X')?.kind).toBe('case_number');
	});
});

describe('queue filter in the URL', () => {
	it('round-trips every filter', () => {
		const filter = {
			statuses: ['accepted' as const, 'under_review' as const],
			villageCode: '360121100201',
			itemCode: 'WJ-LNYD-001',
			departmentCode: 'WJ',
			light: 'amber' as const,
			waiting: 'd4_7' as const,
			search: '张三',
			page: 3
		};
		const params = filterToSearchParams(filter);
		expect(params.toString()).toContain('status=accepted%2Cunder_review');
		expect(filterFromSearchParams(params)).toEqual({ ...filter, pageSize: 20 });
	});
	it('leaves defaults out of the link', () => {
		expect(filterToSearchParams({}).toString()).toBe('');
	});
	it('drops malformed values one by one instead of failing', () => {
		const f = filterFromSearchParams(new URLSearchParams('status=bogus,accepted&village=12&light=purple&page=-4&q=1234'));
		expect(f).toEqual({ statuses: ['accepted'], search: '1234', page: 1, pageSize: 20 });
	});
});

describe('waiting time buckets', () => {
	it('counts China calendar days since receipt', () => {
		// 23:30 UTC is already the next day in China.
		expect(waitingDays('2026-11-20T15:00:00Z', '2026-11-20T16:30:00Z')).toBe(1);
		expect(waitingDays('2026-11-20T01:00:00Z', '2026-11-20T09:00:00Z')).toBe(0);
	});
	it('puts each day count in exactly one bucket', () => {
		for (let d = 0; d < 30; d++) {
			const hits = (['today', 'd1_3', 'd4_7', 'over_7'] as const).filter((b) => inWaitingBucket(d, b));
			expect(hits).toHaveLength(1);
		}
		expect(inWaitingBucket(8, 'over_7')).toBe(true);
		expect(inWaitingBucket(7, 'd4_7')).toBe(true);
	});
});
