import type { Department } from '../item.schema';

/** County departments whose items are proxied at village stations; codes are the short forms used in item codes. */
export const seedDepartments: Department[] = [
	{ code: 'MZ', name: '县民政局' },
	{ code: 'RS', name: '县人力资源和社会保障局' },
	{ code: 'YB', name: '县医疗保障局' },
	{ code: 'GA', name: '县公安局' },
	{ code: 'WJ', name: '县卫生健康委员会' },
	{ code: 'CL', name: '县残疾人联合会' },
	{ code: 'SCJG', name: '县市场监督管理局' },
	{ code: 'ZRZY', name: '县自然资源局' },
	{ code: 'NYNC', name: '县农业农村局' },
	{ code: 'TYJR', name: '县退役军人事务局' },
	{ code: 'SF', name: '县司法局' }
];
