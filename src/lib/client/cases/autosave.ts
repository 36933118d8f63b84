/**
 * Draft autosave: every change is written, in order, one write at a time. A newer value
 * replaces a queued one, so at most the last keystroke is in flight when a tab closes.
 */
export interface AutosaveHooks {
	onError: (e: unknown) => void;
	/** true when a value is waiting or being written, false once everything is stored. */
	onBusyChange?: (busy: boolean) => void;
}

export function createAutosave<T>(write: (value: T) => Promise<void>, hooks: AutosaveHooks) {
	let queued: { value: T } | null = null;
	let running: Promise<void> | null = null;

	async function drain(): Promise<void> {
		while (queued) {
			const { value } = queued;
			queued = null;
			try {
				await write(value);
			} catch (e) {
				hooks.onError(e);
			}
		}
		running = null;
		hooks.onBusyChange?.(false);
	}

	return {
		schedule(value: T): void {
			queued = { value };
			if (!running) {
				hooks.onBusyChange?.(true);
				running = drain();
			}
		},
		/** Resolves when every scheduled value has been written. */
		async flush(): Promise<void> {
			while (running) await running;
		}
	};
}
