import { describe, expect, it } from 'vitest';
import { createAutosave } from './autosave';

function deferred() {
	let resolve!: () => void;
	const promise = new Promise<void>((r) => (resolve = r));
	return { promise, resolve };
}

describe('createAutosave', () => {
	it('writes in order, one at a time, and coalesces values queued behind a slow write', async () => {
		const written: string[] = [];
		const gates: ReturnType<typeof deferred>[] = [];
		let inFlight = 0;
		let maxInFlight = 0;
		const save = createAutosave(
			async (v: string) => {
				inFlight++;
				maxInFlight = Math.max(maxInFlight, inFlight);
				const gate = deferred();
				gates.push(gate);
				await gate.promise;
				written.push(v);
				inFlight--;
			},
			{ onError: () => {} }
		);
		save.schedule('a');
		save.schedule('ab');
		save.schedule('abc'); // replaces 'ab' while 'a' is being written
		await Promise.resolve();
		gates[0]!.resolve();
		await new Promise((r) => setTimeout(r, 0));
		gates[1]!.resolve();
		await save.flush();
		expect(written).toEqual(['a', 'abc']);
		expect(maxInFlight).toBe(1);
	});

	it('reports a failed write and goes on with the next value; busy ends when all is stored', async () => {
		const errors: unknown[] = [];
		const busy: boolean[] = [];
		const stored: string[] = [];
		const save = createAutosave(
			async (v: string) => {
				if (v === 'bad') throw new DOMException('disk full', 'QuotaExceededError');
				stored.push(v);
			},
			{ onError: (e) => errors.push(e), onBusyChange: (b) => busy.push(b) }
		);
		save.schedule('bad');
		await save.flush();
		save.schedule('good');
		await save.flush();
		expect((errors[0] as DOMException).name).toBe('QuotaExceededError');
		expect(stored).toEqual(['good']);
		expect(busy).toEqual([true, false, true, false]);
	});

	it('flush waits for a value scheduled while flushing', async () => {
		const stored: number[] = [];
		const save = createAutosave(async (v: number) => void stored.push(v), { onError: () => {} });
		save.schedule(1);
		const flushing = save.flush();
		save.schedule(2);
		await flushing;
		expect(stored).toEqual([1, 2]);
	});
});
