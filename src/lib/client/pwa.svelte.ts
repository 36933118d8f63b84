import { Workbox } from 'workbox-window';

/**
 * Service-worker registration through workbox-window. A new version waits until the user
 * chooses "reload": never a silent swap in the middle of a form.
 */
class PwaState {
	updateReady = $state(false);
	#wb: Workbox | undefined;

	register(): void {
		if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || this.#wb) return;
		const wb = new Workbox('/service-worker.js', { type: import.meta.env.DEV ? 'module' : 'classic' });
		wb.addEventListener('waiting', () => (this.updateReady = true));
		wb.addEventListener('controlling', () => {
			// Only reload because the user asked for the new version.
			if (this.#userAccepted) window.location.reload();
		});
		this.#wb = wb;
		void wb.register();
	}

	#userAccepted = false;

	applyUpdate(): void {
		this.#userAccepted = true;
		this.#wb?.messageSkipWaiting();
	}

	dismiss(): void {
		this.updateReady = false;
	}
}

export const pwa = new PwaState();
