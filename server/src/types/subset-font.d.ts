/** subset-font 2.x ships no types; this is the part of its documented API Daiban uses. */
declare module 'subset-font' {
	interface SubsetFontOptions {
		targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2';
		preserveNameIds?: number[];
		keepFeatures?: string[];
		noLayoutClosure?: boolean;
		noHinting?: boolean;
		dropTables?: string[];
	}
	export default function subsetFont(buffer: Uint8Array, text: string, options?: SubsetFontOptions): Promise<Buffer>;
}
