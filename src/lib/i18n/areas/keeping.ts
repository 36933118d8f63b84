/**
 * Messages of the keeping area. zh-CN first (the default); the English object must have the same keys
 * (its type makes a missing key a compile error). Spread into ../zh-CN.ts and ../en.ts.
 */
export const keepingZhCN = {} as const;

export const keepingEn: Record<keyof typeof keepingZhCN, string> = {};
