import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/**
 * Imports go one way (STYLE.md): routes → components → client → domain; server routers →
 * services → repositories → db. These rules enforce it instead of memory.
 */
const noServerCode = {
	group: ['**/server/**'],
	message: 'browser code must not import server code (only `import type { AppRouter }`)',
	allowTypeImports: true
};
const domainPurity = [
	{ group: ['svelte', 'svelte/*', '$app/*', 'dexie', 'drizzle-orm', 'drizzle-orm/*', 'node:*', 'fastify', 'pg', '@electric-sql/*'], message: 'src/lib/domain is pure: no svelte, dexie, drizzle or node modules' },
	{ group: ['$lib/client/*', '$lib/components/*', '**/lib/client/**', '**/lib/components/**', '**/server/**', '**/routes/**'], message: 'domain imports nothing outside src/lib/domain' }
];

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', '.tmp/', 'data/', 'test-results/', 'playwright-report/', 'server/src/db/migrations/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
			'no-undef': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{
		files: ['src/lib/domain/**/*.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: domainPurity }] }
	},
	{
		files: ['src/lib/client/**/*.ts', 'src/lib/components/**/*.svelte', 'src/routes/**/*.svelte', 'src/routes/**/*.ts', 'src/lib/i18n/**/*.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						noServerCode,
						{ group: ['**/routes/**', '$app/*/../**'], message: 'nothing imports from routes' }
					]
				}
			]
		}
	},
	{
		files: ['src/lib/client/**/*.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{ patterns: [noServerCode, { group: ['$lib/components/*', '**/lib/components/**'], message: 'client code does not import components' }] }
			]
		}
	},
	{
		files: ['server/src/repositories/**/*.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../services/*', '../routers/*'], message: 'repositories sit below services and routers' }] }] }
	},
	{
		files: ['server/src/services/**/*.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../routers/*'], message: 'services sit below routers' }] }] }
	}
);
