import type { County } from '../../../src/lib/domain/org/org.schema';
import type { Role, UserScope } from '../../../src/lib/domain/roles';

/** A demo county with one township, three villages and their grids (codes shaped like real ones). */
export const demoCounty: County = {
	code: '360121',
	name: '南昌县',
	townships: [
		{
			code: '360121100',
			name: '莲塘镇',
			villages: [
				{
					code: '360121100201',
					name: '澄湖村',
					grids: [
						{ code: '360121100201-01', name: '澄湖村第一网格' },
						{ code: '360121100201-02', name: '澄湖村第二网格' }
					]
				},
				{
					code: '360121100202',
					name: '莲西村',
					grids: [
						{ code: '360121100202-01', name: '莲西村第一网格' },
						{ code: '360121100202-02', name: '莲西村第二网格' }
					]
				},
				{
					code: '360121100203',
					name: '东湖村',
					grids: [{ code: '360121100203-01', name: '东湖村第一网格' }]
				}
			]
		}
	]
};

export interface DemoUser {
	username: string;
	password: string;
	displayName: string;
	roles: Role[];
	scope: UserScope;
}

const township = '360121100';
/** Demo users of every role. Their passwords are printed at start and listed in README.md. */
export const demoUsers: DemoUser[] = [
	{
		username: 'agent.chenghu',
		password: 'daiban-agent-1',
		displayName: '李秀英（澄湖村代办员）',
		roles: ['village_agent'],
		scope: { townshipCode: township, villageCodes: ['360121100201'], gridCodes: [], departmentCodes: [] }
	},
	{
		username: 'agent.lianxi',
		password: 'daiban-agent-2',
		displayName: '王建国（莲西村代办员）',
		roles: ['village_agent'],
		scope: { townshipCode: township, villageCodes: ['360121100202'], gridCodes: [], departmentCodes: [] }
	},
	{
		username: 'intake',
		password: 'daiban-intake',
		displayName: '张敏（综合受理窗口）',
		roles: ['township_intake'],
		scope: { townshipCode: township, villageCodes: [], gridCodes: [], departmentCodes: [] }
	},
	{
		username: 'approver.minzheng',
		password: 'daiban-approver-mz',
		displayName: '刘洋（民政办 审批）',
		roles: ['township_approver'],
		scope: { townshipCode: township, villageCodes: [], gridCodes: [], departmentCodes: ['MZ', 'CL', 'TYJR'] }
	},
	{
		username: 'approver.renshe',
		password: 'daiban-approver-rs',
		displayName: '陈静（人社所 审批）',
		roles: ['township_approver'],
		scope: { townshipCode: township, villageCodes: [], gridCodes: [], departmentCodes: ['RS', 'YB', 'WJ'] }
	},
	{
		username: 'issuer',
		password: 'daiban-issuer',
		displayName: '赵丽（综合出证窗口）',
		roles: ['township_issuer'],
		scope: { townshipCode: township, villageCodes: [], gridCodes: [], departmentCodes: [] }
	},
	{
		username: 'grid.chenghu',
		password: 'daiban-grid-1',
		displayName: '周强（澄湖村网格员）',
		roles: ['grid_worker'],
		scope: {
			townshipCode: township,
			villageCodes: ['360121100201'],
			gridCodes: ['360121100201-01', '360121100201-02'],
			departmentCodes: []
		}
	},
	{
		username: 'supervisor',
		password: 'daiban-supervisor',
		displayName: '孙主任（便民服务中心）',
		roles: ['supervisor'],
		scope: { townshipCode: township, villageCodes: [], gridCodes: [], departmentCodes: [] }
	},
	{
		username: 'admin',
		password: 'daiban-admin',
		displayName: '黄工（县信息中心 系统管理员）',
		roles: ['it_admin'],
		// The county IT admin manages every township's accounts; the county code is the widest scope.
		scope: { townshipCode: '360121', villageCodes: [], gridCodes: [], departmentCodes: [] }
	}
];
