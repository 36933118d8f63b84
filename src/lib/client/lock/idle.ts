const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

interface IdleOptions {
	timeoutMs: number;
	/** Where activity is heard; `window` in the app. */
	target: EventTarget;
	/** Told when the page becomes visible again, to catch up after a sleeping tab. */
	visibility?: { readonly hidden: boolean } & EventTarget;
	now?: () => number;
}

/**
 * Calls `onIdle` once after `timeoutMs` without user activity. Activity only stamps a time;
 * one timer re-arms itself for what is left, so busy typing costs no timer churn. Background
 * tabs' timers are throttled, so returning to the page checks the elapsed time at once.
 * Returns the function that stops watching.
 */
export function watchIdle(onIdle: () => void, { timeoutMs, target, visibility, now = Date.now }: IdleOptions): () => void {
	let last = now();
	let timer: ReturnType<typeof setTimeout> | undefined;
	let stopped = false;

	const check = () => {
		if (stopped) return;
		const left = last + timeoutMs - now();
		if (left <= 0) {
			stop();
			onIdle();
		} else {
			clearTimeout(timer);
			timer = setTimeout(check, left);
		}
	};
	const onActivity = () => {
		last = now();
	};
	const onVisibility = () => {
		if (visibility && !visibility.hidden) check();
	};

	function stop(): void {
		stopped = true;
		clearTimeout(timer);
		for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, onActivity, { capture: true });
		visibility?.removeEventListener('visibilitychange', onVisibility);
	}

	for (const type of ACTIVITY_EVENTS) target.addEventListener(type, onActivity, { capture: true, passive: true });
	visibility?.addEventListener('visibilitychange', onVisibility);
	timer = setTimeout(check, timeoutMs);
	return stop;
}
