import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { proxy: { '/trpc': 'http://127.0.0.1:3000' } },
	// Kit needs cookie 0.6 while Fastify hoists cookie 2; bundling it makes the build use Kit's own copy.
	ssr: { noExternal: ['cookie'] },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					// Property tests run hundreds of cases: room for a loaded 2-core runner.
					testTimeout: 30_000,
					include: ['src/**/*.test.ts', 'server/src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
					setupFiles: ['tests/fixtures/unit-setup.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});
