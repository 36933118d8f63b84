/**
 * Messages of the sync area. zh-CN first (the default); the English object must have the same keys
 * (its type makes a missing key a compile error). Spread into ../zh-CN.ts and ../en.ts.
 */
export const syncZhCN = {
	'sync.harness.title': '测试工具',
	'sync.harness.off': '测试工具未开启（仅在测试服务器上可用）。',
	'sync.harness.ready': '测试工具已就绪：window.daibanHarness'
} as const;

export const syncEn: Record<keyof typeof syncZhCN, string> = {
	'sync.harness.title': 'Test harness',
	'sync.harness.off': 'The test harness is off (only available on a test server).',
	'sync.harness.ready': 'Test harness ready: window.daibanHarness'
};
