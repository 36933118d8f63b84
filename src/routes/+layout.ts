// A static SPA: no server rendering, no prerendering; the fallback page boots every route.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';
