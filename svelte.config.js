import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A static SPA: every route falls back to index.html, served by server/ from the same origin.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
		// We register the service worker ourselves through workbox-window so that an update
		// waits for the user's consent ("new version ready — reload") instead of swapping mid-form.
		serviceWorker: { register: false },
		alias: { $domain: 'src/lib/domain' }
	}
};

export default config;
