import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchIdle } from './idle';

const MINUTE = 60_000;

describe('watchIdle', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	const setup = () => {
		const target = new EventTarget();
		const visibility = Object.assign(new EventTarget(), { hidden: false });
		const onIdle = vi.fn();
		const stop = watchIdle(onIdle, { timeoutMs: 15 * MINUTE, target, visibility, now: () => Date.now() });
		return { target, visibility, onIdle, stop };
	};

	it('fires once after the timeout without activity', () => {
		const { onIdle } = setup();
		vi.advanceTimersByTime(15 * MINUTE - 1);
		expect(onIdle).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(onIdle).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(60 * MINUTE);
		expect(onIdle).toHaveBeenCalledTimes(1);
	});

	it('counts from the last activity', () => {
		const { target, onIdle } = setup();
		vi.advanceTimersByTime(10 * MINUTE);
		target.dispatchEvent(new Event('keydown'));
		vi.advanceTimersByTime(10 * MINUTE);
		target.dispatchEvent(new Event('pointerdown'));
		vi.advanceTimersByTime(14 * MINUTE);
		expect(onIdle).not.toHaveBeenCalled();
		vi.advanceTimersByTime(MINUTE);
		expect(onIdle).toHaveBeenCalledTimes(1);
	});

	it('catches up at once when a sleeping tab becomes visible again', () => {
		const { visibility, onIdle } = setup();
		// A throttled background timer has not fired, but the clock moved on.
		vi.setSystemTime(Date.now() + 20 * MINUTE);
		visibility.dispatchEvent(new Event('visibilitychange'));
		expect(onIdle).toHaveBeenCalledTimes(1);
	});

	it('stops watching when told', () => {
		const { stop, onIdle } = setup();
		stop();
		vi.advanceTimersByTime(60 * MINUTE);
		expect(onIdle).not.toHaveBeenCalled();
	});
});
