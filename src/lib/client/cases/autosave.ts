/**
 * Draft autosave: every change is written, in order, one write at a time. A newer value
 * replaces a queued one, so at most the last keystroke is in flight when a tab closes.
 */
export function createAutosave<T>(write: (value: T) => Promise<void>, onError: (e: unknown) => void) {
	let queued: { value: T } | null = null;
	let running: Promise<void> | null = null;

	async function drain(): Promise<void> {
		while (queued) {
			const { value } = queued;
			queued = null;
			try {
				await write(value);
			} catch (e) {
				onError(e);
			}
		}
		running = null;
	}

	return {
		schedule(value: T): void {
			queued = { value };
			running ??= drain();
		},
		/** Resolves when every scheduled value has been written. */
		async flush(): Promise<void> {
			while (running) await running;
		}
	};
}
