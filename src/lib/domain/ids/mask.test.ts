import { describe, expect, it } from 'vitest';
import { maskName, maskPhone, maskResidentId } from './mask';

describe('maskResidentId', () => {
	it('keeps the first 4 and last 4 characters', () => {
		expect(maskResidentId('11010519491231002X')).toBe('1101**********002X');
		expect(maskResidentId('11010519491231002x')).toBe('1101**********002X');
	});

	it('masks a value too short to keep both ends entirely', () => {
		expect(maskResidentId('11010519')).toBe('********');
		expect(maskResidentId('')).toBe('');
	});
});

describe('maskPhone', () => {
	it('keeps the first 3 and last 4 digits', () => {
		expect(maskPhone('13800138000')).toBe('138****8000');
		expect(maskPhone('138-0013-8000')).toBe('138****8000');
		expect(maskPhone('1380013')).toBe('*******');
	});
});

describe('maskName', () => {
	it('keeps the surname character', () => {
		expect(maskName('张三')).toBe('张*');
		expect(maskName('李小龙')).toBe('李**');
		expect(maskName(' 王五 ')).toBe('王*');
	});

	it('keeps a compound surname when a given name follows', () => {
		expect(maskName('欧阳娜娜')).toBe('欧阳**');
		expect(maskName('诸葛亮')).toBe('诸葛*');
		expect(maskName('欧阳')).toBe('欧*');
	});

	it('counts characters outside the BMP once and hides one-character names', () => {
		expect(maskName('𠀀三')).toBe('𠀀*');
		expect(maskName('王')).toBe('*');
		expect(maskName('')).toBe('');
	});
});
