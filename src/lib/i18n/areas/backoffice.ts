/**
 * Messages of the backoffice area. zh-CN first (the default); the English object must have the same keys
 * (its type makes a missing key a compile error). Spread into ../zh-CN.ts and ../en.ts.
 */
export const backofficeZhCN = {} as const;

export const backofficeEn: Record<keyof typeof backofficeZhCN, string> = {};
