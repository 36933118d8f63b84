import { describe, expect, it } from 'vitest';
import { text } from './text';

describe('text', () => {
	it('refuses a NUL character and too long a text, and accepts Chinese text', () => {
		expect(text(10).safeParse('张\u0000三').error?.issues[0]?.message).toMatch(/NUL/);
		expect(text(3).safeParse('张三李四').success).toBe(false);
		expect(text(10).safeParse('张三 · 李四').success).toBe(true);
	});
});
