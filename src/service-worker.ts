/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { precacheAndRoute, createHandlerBoundToURL, cleanupOutdatedCaches } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';

declare const self: ServiceWorkerGlobalScope;

// The app shell and every hashed asset are precached at install, so any app route opens
// offline. index.html is the SPA fallback page; its revision is the build version.
precacheAndRoute([
	...build.map((url) => ({ url, revision: null })),
	...files.map((url) => ({ url, revision: version })),
	{ url: '/index.html', revision: version }
]);
cleanupOutdatedCaches();
// The first version takes control at once, so a freshly logged-in device works offline
// without a reload; later versions wait for the user (see SKIP_WAITING below).
clientsClaim();

// Every navigation is answered with the cached shell; the API and uploads never are.
registerRoute(
	new NavigationRoute(createHandlerBoundToURL('/index.html'), {
		denylist: [/^\/trpc/, /^\/uploads/, /^\/attachments/, /^\/api\//, /^\/healthz/]
	})
);

// workbox-window's messageSkipWaiting(): activate the new version when the user accepts it.
self.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Background Sync: the browser fires `sync` when the link is back for a tag the app registered
// while its outbox held work. The sync itself needs the data key, which only an unlocked tab holds,
// so the worker asks the open app windows to sync now (src/lib/client/sync/background-sync.ts).
interface SyncEventLike extends ExtendableEvent {
	readonly tag: string;
}
self.addEventListener('sync', (event) => {
	const sync = event as SyncEventLike;
	if (sync.tag !== 'daiban-sync') return;
	sync.waitUntil(
		self.clients.matchAll({ type: 'window' }).then((windows) => {
			for (const w of windows) w.postMessage({ type: 'SYNC_NOW' });
		})
	);
});
