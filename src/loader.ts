import { WIDGETS } from './widgets.js';

const LOADER_KEY = Symbol.for('obec-widgets.loader');

interface LoaderState {
  requested: Set<string>;
}

/**
 * The single script tag's entry point. It looks for obec tags on the page, now
 * and whenever the page adds some later, and imports only the modules of the
 * tags it finds; a page without a sign-in button never downloads the sign-in
 * code. A second copy of the loader (the script included twice, or two
 * versions) only loads what the first has not already defined.
 */
function start(): void {
  const global = globalThis as typeof globalThis & { [LOADER_KEY]?: LoaderState[] };
  const loaders = (global[LOADER_KEY] ??= []);
  const state: LoaderState = { requested: new Set() };
  loaders.push(state);

  const load = (tag: string) => {
    if (state.requested.has(tag) || customElements.get(tag)) return;
    if (loaders.some((other) => other !== state && other.requested.has(tag))) return;
    state.requested.add(tag);
    WIDGETS[tag]!().catch((error: unknown) => {
      state.requested.delete(tag);
      console.error(`obec-widgets: <${tag}> could not be loaded.`, error);
    });
  };

  const discover = (root: ParentNode) => {
    for (const tag of Object.keys(WIDGETS)) {
      if (!customElements.get(tag) && ((root instanceof Element && root.localName === tag) || root.querySelector(tag))) load(tag);
    }
  };

  discover(document);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) discover(node);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}

start();
