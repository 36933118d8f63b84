import { writeFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';

/** What the specs read back from the device's IndexedDB (Dexie `cases` and `attachments`). */
export interface StoredCase {
	id: string;
	status: string;
	syncState: string;
	intake: {
		applicant: { name: string; idNumber: string; phone: string; address: string };
		form: Record<string, unknown>;
		materials: { materialId: string; received: boolean; replacedByCommitment: boolean; attachmentHashes: string[] }[];
		delivery: { method: string };
		signatureHash?: string;
	};
}
export interface StoredImage {
	hash: string;
	size: number;
	type: string;
	state: string;
	/** Decoded in the page with createImageBitmap. */
	width: number;
	height: number;
}

/**
 * The app's test inspector (src/lib/client/vault/test-inspector.ts), installed because the
 * fixtures set `__DAIBAN_E2E__`: records are sealed at rest, so they are read through the app.
 * Used inside page.evaluate, which runs only the function it is given, in the page.
 */
interface TestInspector {
	case(id: string): Promise<unknown>;
	attachment(hash: string): Promise<{ hash: string; blob: Blob; size: number; type: string; state: string } | undefined>;
}
declare global {
	var __daibanInspect: TestInspector | undefined;
}

/** The village agent's screens: case list, item picker, intake form. */
export class AgentPage {
	readonly pendingCount: Locator;
	readonly caseList: Locator;

	constructor(readonly page: Page) {
		this.pendingCount = page.getByTestId('pending-count');
		this.caseList = page.getByTestId('case-list');
	}

	async startCase(itemName: RegExp | string): Promise<string> {
		await this.page.getByRole('link', { name: /新建办件|New case/ }).click();
		await this.page.getByRole('button', { name: itemName }).first().click();
		const number = this.page.getByTestId('case-number');
		await number.waitFor();
		return (await number.textContent())?.trim() ?? '';
	}

	async fillApplicant(a: { name: string; idNumber: string; phone: string; address?: string }): Promise<void> {
		await this.page.getByLabel(/^姓名|^Name/).fill(a.name);
		await this.page.getByLabel(/公民身份号码|Resident ID number/).fill(a.idNumber);
		await this.page.getByLabel(/手机号码|Mobile number/).fill(a.phone);
		if (a.address) await this.page.getByLabel(/^住址|^Address/).fill(a.address);
	}

	/**
	 * Online: takes a 老年人优待证 case (the demo item with one required field), submits it
	 * and waits until the server has it. Returns the case number.
	 */
	async submitSeniorCardCase(applicant: { name: string; idNumber: string; phone: string }, address: string): Promise<string> {
		const caseNumber = await this.startCase(/老年人优待证办理/);
		await this.fillApplicant(applicant);
		await this.page.getByLabel(/户籍地址/).first().fill(address);
		await this.submit();
		await this.pendingCount.filter({ hasText: '待同步 0 件' }).waitFor({ timeout: 15_000 });
		return caseNumber;
	}

	/** Waits until the stored draft has caught up with the last keystroke. */
	async waitForDraftSaved(): Promise<void> {
		const saved = this.page.getByTestId('draft-saved');
		await saved.waitFor();
		await this.page.waitForFunction(() => document.querySelector('[data-testid="draft-saved"]')?.getAttribute('data-saving') === 'false');
	}

	async submit(): Promise<void> {
		await this.page.getByRole('button', { name: /^提交$|^Submit$/ }).click();
	}

	/** One case's row in the case list (other specs' cases may be listed too: the device pulls the village's cases). */
	caseRow(caseNumber: string): Locator {
		return this.caseList.getByRole('listitem').filter({ hasText: caseNumber });
	}

	/** Opens the item picker and types into its search (Chinese, full pinyin or initials). */
	async searchItems(query: string): Promise<void> {
		await this.page.getByRole('link', { name: /新建办件|New case/ }).click();
		await this.page.getByLabel(/搜索事项|Search items/).fill(query);
	}

	/** The draft's id, from the case page's address. */
	caseId(): string {
		const id = /\/agent\/cases\/([^/?#]+)/.exec(this.page.url())?.[1];
		if (!id) throw new Error(`not on a case page: ${this.page.url()}`);
		return id;
	}

	/** The camera/file input of one material (its accessible name carries the material's name). */
	photoInput(materialName: string): Locator {
		const name = materialName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		return this.page.getByLabel(new RegExp(`^(拍照或选择照片：|Take or choose a photo: )${name}$`));
	}

	/** The material's block in the intake form: its checkbox, photos and review points. */
	material(materialName: string): Locator {
		return this.page.getByRole('listitem').filter({ has: this.photoInput(materialName) });
	}

	async attachPhoto(materialName: string, path: string): Promise<void> {
		await this.photoInput(materialName).setInputFiles(path);
	}

	photoCount(materialName: string): Locator {
		return this.material(materialName).getByTestId('photo-count');
	}

	/** Signs on the pad with the mouse: a few strokes of a made-up signature. */
	async drawSignature(): Promise<void> {
		const pad = this.page.getByTestId('signature-pad');
		await pad.scrollIntoViewIfNeeded();
		const box = await pad.boundingBox();
		if (!box) throw new Error('the signature pad is not visible');
		const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
		const strokes: [number, number][][] = [
			[[0.1, 0.6], [0.2, 0.3], [0.3, 0.7], [0.4, 0.35], [0.45, 0.6]],
			[[0.5, 0.5], [0.6, 0.25], [0.7, 0.75], [0.8, 0.3], [0.9, 0.55]]
		];
		for (const stroke of strokes) {
			const [first, ...rest] = stroke;
			if (!first) continue;
			await this.page.mouse.move(...at(...first));
			await this.page.mouse.down();
			for (const p of rest) await this.page.mouse.move(...at(...p), { steps: 6 });
			await this.page.mouse.up();
		}
	}

	/**
	 * Writes a real image file for the camera/file input: drawn by the browser on a canvas (a paper
	 * document with lines of "text" on a table, with sensor-like noise so it does not compress to
	 * nothing) and saved by Node to `path`. PNG like a scan, or JPEG like a camera.
	 */
	async makePhotoFile(path: string, o: { width: number; height: number; type: 'image/png' | 'image/jpeg'; seed: number }): Promise<number> {
		const dataUrl = await this.page.evaluate(({ width, height, type, seed }) => {
			const canvas = document.createElement('canvas');
			canvas.width = width;
			canvas.height = height;
			const ctx = canvas.getContext('2d');
			if (!ctx) throw new Error('no 2d canvas');
			let s = seed;
			const rand = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
			const table = ctx.createLinearGradient(0, 0, width, height);
			table.addColorStop(0, '#b59f7e');
			table.addColorStop(1, '#6f5d45');
			ctx.fillStyle = table;
			ctx.fillRect(0, 0, width, height);
			ctx.fillStyle = '#f3efe6';
			ctx.fillRect(width * 0.08, height * 0.08, width * 0.84, height * 0.84);
			ctx.fillStyle = '#2b2b2b';
			const line = Math.max(12, Math.round(height / 40));
			for (let y = height * 0.14; y < height * 0.86; y += line * 1.8) {
				for (let x = width * 0.12; x < width * 0.86; ) {
					const w = line * (0.6 + rand() * 3);
					ctx.fillRect(x, y, Math.min(w, width * 0.88 - x), line);
					x += w + line * 0.6;
				}
			}
			ctx.fillStyle = 'rgba(200, 30, 30, 0.7)';
			ctx.beginPath();
			ctx.arc(width * 0.75, height * 0.7, Math.min(width, height) * 0.1, 0, Math.PI * 2);
			ctx.fill();
			const image = ctx.getImageData(0, 0, width, height);
			const d = image.data;
			for (let i = 0; i < d.length; i += 4) {
				const n = Math.round((rand() - 0.5) * 36);
				d[i] = d[i]! + n;
				d[i + 1] = d[i + 1]! + n;
				d[i + 2] = d[i + 2]! + n;
			}
			ctx.putImageData(image, 0, 0);
			return canvas.toDataURL(type, 0.92);
		}, o);
		const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
		await writeFile(path, bytes);
		return bytes.length;
	}

	/** A case as stored on the device (IndexedDB), or undefined. */
	async storedCase(id: string): Promise<StoredCase | undefined> {
		return this.page.evaluate((caseId) => {
			if (!globalThis.__daibanInspect) throw new Error('the app has no test inspector: was the page started by the e2e fixtures?');
			return globalThis.__daibanInspect.case(caseId) as Promise<StoredCase | undefined>;
		}, id);
	}

	/** Stored attachments (photos, signatures) by hash, opened, each decoded in the page to learn its pixel size. */
	async storedImages(hashes: string[]): Promise<StoredImage[]> {
		return this.page.evaluate(async (wanted) => {
			const inspect = globalThis.__daibanInspect;
			if (!inspect) throw new Error('the app has no test inspector: was the page started by the e2e fixtures?');
			const records = await Promise.all(wanted.map((hash) => inspect.attachment(hash)));
			const out = [];
			for (const r of records) {
				if (!r) continue;
				const bitmap = await createImageBitmap(r.blob);
				out.push({ hash: r.hash, size: r.blob.size, type: r.blob.type, state: r.state, width: bitmap.width, height: bitmap.height });
				bitmap.close();
			}
			return out;
		}, hashes);
	}
}
