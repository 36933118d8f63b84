import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';

/**
 * Reads back what a certificate PDF embeds, for tests and checks: the fonts (base name, the
 * size of the embedded font program) and the text their ToUnicode maps can produce. A PDF
 * draws glyph ids, not characters; the ToUnicode map is what copy-paste, search and screen
 * readers use, so "the PDF contains 老年人优待证" means these maps cover those characters.
 */
export interface EmbeddedFontInfo {
	baseFont: string;
	fontFileBytes: number;
	/** Every character some glyph of the font maps to. */
	characters: Set<string>;
}

function hexToText(hex: string): string {
	const units: number[] = [];
	for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
	return String.fromCharCode(...units);
}

function streamText(doc: PDFDocument, ref: unknown): string {
	const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
	if (!(stream instanceof PDFRawStream)) return '';
	return new TextDecoder('latin1').decode(decodePDFRawStream(stream).decode());
}

function streamLength(doc: PDFDocument, ref: unknown): number {
	const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
	return stream instanceof PDFRawStream ? stream.getContents().length : 0;
}

/** Characters of a ToUnicode CMap: bfchar pairs and bfrange runs. */
export function toUnicodeCharacters(cmap: string): Set<string> {
	const chars = new Set<string>();
	for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
		for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) chars.add(hexToText(m[2]!));
	}
	for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
		for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
			const count = parseInt(m[2]!, 16) - parseInt(m[1]!, 16);
			const first = parseInt(m[3]!, 16);
			for (let i = 0; i <= Math.min(count, 65535); i++) chars.add(String.fromCharCode(first + i));
		}
	}
	return chars;
}

export function embeddedFonts(doc: PDFDocument): EmbeddedFontInfo[] {
	const fonts: EmbeddedFontInfo[] = [];
	for (const [, object] of doc.context.enumerateIndirectObjects()) {
		if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
		const descendants = object.lookup(PDFName.of('DescendantFonts'));
		if (!(descendants instanceof PDFArray)) continue;
		const cid = descendants.lookup(0, PDFDict);
		const descriptor = cid.lookup(PDFName.of('FontDescriptor'), PDFDict);
		const file = descriptor.get(PDFName.of('FontFile2')) ?? descriptor.get(PDFName.of('FontFile3')) ?? descriptor.get(PDFName.of('FontFile'));
		fonts.push({
			baseFont: String(object.get(PDFName.of('BaseFont')) ?? ''),
			fontFileBytes: streamLength(doc, file),
			characters: toUnicodeCharacters(streamText(doc, object.get(PDFName.of('ToUnicode'))))
		});
	}
	return fonts;
}
