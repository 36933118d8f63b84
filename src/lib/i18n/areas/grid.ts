/**
 * Messages of the grid area. zh-CN first (the default); the English object must have the same keys
 * (its type makes a missing key a compile error). Spread into ../zh-CN.ts and ../en.ts.
 */
export const gridZhCN = {} as const;

export const gridEn: Record<keyof typeof gridZhCN, string> = {};
