// The Content-Security-Policy of the site's pages, the quiz's and the studio's (the kiosk file,
// opened from disk, has none): tools/postbuild.mjs and tools/studio-postbuild.mjs write it.
export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
