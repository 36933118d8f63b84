/**
 * Messages of the trust area. zh-CN first (the default); the English object must have the same keys
 * (its type makes a missing key a compile error). Spread into ../zh-CN.ts and ../en.ts.
 */
export const trustZhCN = {} as const;

export const trustEn: Record<keyof typeof trustZhCN, string> = {};
