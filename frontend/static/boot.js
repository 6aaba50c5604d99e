// Boots the Reckot SPA. A separate module file because the CSP forbids inline scripts.
// init() fetches /pkg/reckot_frontend_bg.wasm and runs the `#[wasm_bindgen(start)]` function,
// which mounts the app into <body>.
import init from '/pkg/reckot_frontend.js';

init().catch((err) => {
  console.error('Reckot failed to start', err);
});
