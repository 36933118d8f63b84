import type { Bundle } from '../item.schema';

/** 高效办成一件事: filed once with one merged form, each item approved in parallel by its own department. */
export const seedBundles: Bundle[] = [
	{
		code: 'YJS-CS-001',
		name: '出生一件事',
		description: '新生儿出生后，一次申请办理生育登记、出生登记（报户口）、城乡居民医保参保登记和社会保障卡申领。',
		itemCodes: ['WJ-SYDJ-001', 'GA-HJ-001', 'YB-CJYB-001', 'RS-SBK-001'],
		promisedLimitDays: 15
	},
	{
		code: 'YJS-SH-001',
		name: '身后一件事',
		description: '亲人去世后，一次申请办理死亡注销户口、惠民殡葬补贴和城乡居民养老保险注销（待遇停发、丧葬补助金领取）。',
		itemCodes: ['GA-HJ-002', 'MZ-SZ-001', 'RS-CJYL-003'],
		promisedLimitDays: 10
	},
	{
		code: 'YJS-TX-001',
		name: '退休一件事',
		description: '达到退休年龄时，一次申请办理企业职工基本养老保险待遇申领和职工医保退休人员待遇核定。',
		itemCodes: ['RS-ZGYL-001', 'YB-ZGYB-001'],
		promisedLimitDays: 10
	},
	{
		code: 'YJS-NFJS-001',
		name: '农村建房一件事',
		description: '农村村民建房，一次申请宅基地审批和乡村建设规划许可，乡镇联合踏勘、一并审批。',
		itemCodes: ['NYNC-ZJD-001', 'ZRZY-XCJS-001'],
		promisedLimitDays: 15
	}
];
