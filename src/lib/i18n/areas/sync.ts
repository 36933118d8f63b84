/**
 * Messages of the sync area. zh-CN first (the default); the English object must have the same keys
 * (its type makes a missing key a compile error). Spread into ../zh-CN.ts and ../en.ts.
 */
export const syncZhCN = {} as const;

export const syncEn: Record<keyof typeof syncZhCN, string> = {};
