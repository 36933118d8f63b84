/**
 * Messages of the certificates area. zh-CN first (the default); the English object must have the same keys
 * (its type makes a missing key a compile error). Spread into ../zh-CN.ts and ../en.ts.
 */
export const certificatesZhCN = {} as const;

export const certificatesEn: Record<keyof typeof certificatesZhCN, string> = {};
