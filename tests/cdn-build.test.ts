import { expect, waitUntil } from '@open-wc/testing';
import { openFrame, shadowTextIncludes } from './helpers/frame.js';

/** The CDN build exactly as an agency embeds it: one script tag, no build step. */
describe('CDN build', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('runs under a strict CSP (script-src and style-src self, no eval, no inline) without a single violation', async () => {
    const { win, doc } = await openFrame('/tests/fixtures/csp.html');
    await shadowTextIncludes(doc, '#ok', '9.9.9');
    await shadowTextIncludes(doc, '#english', 'version 9.9.9');
    await shadowTextIncludes(doc, '#broken', 'Tuto službu se nepodařilo spustit');
    await shadowTextIncludes(doc, '#login', 'Přihlásit se');
    await shadowTextIncludes(doc, '#fees', 'Zaplatit bez přihlášení');
    expect(doc.querySelector('#ok')!.matches(':state(dark)')).to.equal(true);
    expect(win.violations).to.deep.equal([]);
    expect(win.errors).to.deep.equal([]);
  });

  it('the README’s embed snippet, pasted into a plain page, shows a configured widget', async () => {
    const readme = await (await fetch('/README.md')).text();
    const snippet = /## Embed it[\s\S]*?```html\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(snippet).to.contain('<obec-portal');
    // as the agency would: the script copied to /obec-widgets/ (here the build), the api pointing at the town server
    const page = snippet
      .replace('/obec-widgets/obec-widgets.js', '/dist/cdn/obec-widgets.js')
      .replace(/api="[^"]*"/, `api="${location.origin}/test-api"`);
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html lang="cs"><head><meta charset="utf-8"><title>Town</title></head><body>${page}</body></html>`;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const doc = frame.contentDocument!;
    await shadowTextIncludes(doc, 'obec-diagnostics', 'Server obce odpovídá (verze 9.9.9).');
    expect(doc.querySelector('obec-diagnostics')!.shadowRoot!.textContent).to.contain('javorna-lhota-web');
  });

  it('loads a widget’s code only when its tag is on the page, including tags added later', async () => {
    const { win, doc } = await openFrame('/tests/fixtures/lazy.html');
    await waitUntil(() => win.customElements.get('obec-portal') !== undefined, 'portal never defined', { timeout: 5000 });
    const loaded = () => win.performance.getEntriesByType('resource').map((entry) => entry.name.split('/').pop()!);
    expect(loaded().some((name) => name.startsWith('obec-diagnostics'))).to.equal(false);
    expect(win.customElements.get('obec-diagnostics')).to.equal(undefined);

    const article = doc.createElement('article');
    article.innerHTML = '<h2>Novinky</h2><obec-diagnostics></obec-diagnostics>';
    doc.body.append(article);
    await shadowTextIncludes(doc, 'obec-diagnostics', '9.9.9');
    expect(loaded().some((name) => name.startsWith('obec-diagnostics'))).to.equal(true);
    // a correctly configured Czech page downloads neither English text nor the wording of configuration problems
    expect(loaded().filter((name) => /\.en-|config-problems/.test(name))).to.deep.equal([]);
    expect(win.errors).to.deep.equal([]);
  });
});
