import type { StationList } from '../item.schema';

/**
 * The demo villages' published proxy lists (代办事项清单). 澄湖村 publishes 30 items, the typical size
 * (DOMAIN.md); 莲西村, a smaller station, 18. Social assistance, pensions and medical insurance lead every
 * list: they are what villagers ask for most.
 */
export const seedStationLists: StationList[] = [
	{
		villageCode: '360121100201',
		itemCodes: [
			'MZ-DB-001', 'MZ-TK-001', 'MZ-LSJZ-001', 'MZ-GLJT-001', 'MZ-SZ-001', 'MZ-LXBT-001',
			'RS-CJYL-001', 'RS-CJYL-002', 'RS-CJYL-003', 'RS-SBK-001', 'RS-SBK-002', 'RS-JYSY-001',
			'YB-CJYB-001', 'YB-YLJZ-001', 'YB-MTB-001', 'YB-YDJY-001',
			'GA-JZZ-001', 'WJ-SYDJ-001', 'WJ-JLFZ-001', 'WJ-LNYD-001',
			'CL-CJZ-001', 'CL-FJ-001', 'SCJG-GTGSH-001', 'SCJG-SPBA-001',
			'NYNC-ZJD-001', 'NYNC-GDBT-001', 'NYNC-NJBT-001', 'TYJR-YDZ-001', 'SF-FLYZ-001', 'SF-RMTJ-001'
		]
	},
	{
		villageCode: '360121100202',
		itemCodes: [
			'MZ-DB-001', 'MZ-TK-001', 'MZ-GLJT-001', 'MZ-LXBT-001', 'RS-CJYL-001', 'RS-CJYL-002',
			'RS-SBK-001', 'YB-CJYB-001', 'YB-YLJZ-001', 'YB-MTB-001', 'WJ-LNYD-001', 'WJ-SYDJ-001',
			'CL-CJZ-001', 'NYNC-GDBT-001', 'NYNC-ZJD-001', 'TYJR-YDZ-001', 'SF-FLYZ-001', 'SF-RMTJ-001'
		]
	}
];
