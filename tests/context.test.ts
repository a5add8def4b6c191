import { expect, waitUntil } from '@open-wc/testing';
import { cleanPage, mount, rendered, TEST_API, textOf } from './helpers/page.js';
import { ObecElement } from '../src/base/obec-element.js';
import { defineElement } from '../src/define.js';
import { html } from 'lit';

/** A widget that shows which API its portal gave it. */
class ContextProbe extends ObecElement {
  protected override renderWidget() {
    return html`<p>${this.runtime?.config.api ?? 'none'}</p>`;
  }
}
defineElement('obec-context-probe', ContextProbe);

describe('configuration context', () => {
  afterEach(cleanPage);

  it('reaches widgets anywhere on the page, not only inside the portal', async () => {
    const page = mount(`
      <header><obec-context-probe id="header"></obec-context-probe></header>
      <main><article><p>Text</p><obec-context-probe id="article"></obec-context-probe></article></main>
      <obec-portal api="${TEST_API}"><obec-context-probe id="inside"></obec-context-probe></obec-portal>
      <footer><obec-context-probe id="footer"></obec-context-probe></footer>`);
    for (const id of ['header', 'article', 'inside', 'footer']) {
      const root = await rendered(page.querySelector(`#${id}`)!);
      await waitUntil(() => textOf(root) === TEST_API, `#${id} never got the configuration`);
    }
  });

  it('reaches a widget inside another component’s shadow root', async () => {
    const page = mount(`<obec-portal api="${TEST_API}"></obec-portal><div id="host"></div>`);
    const shadow = page.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<obec-context-probe></obec-context-probe>';
    const root = await rendered(shadow.querySelector('obec-context-probe')!);
    await waitUntil(() => textOf(root) === TEST_API);
  });

  it('serves widgets that connected before the portal existed', async () => {
    const page = mount(`<obec-context-probe></obec-context-probe>`);
    const probe = page.querySelector('obec-context-probe') as ContextProbe;
    // The portal tag exists but arrives later, as when the loader is still importing it.
    const portal = document.createElement('obec-portal');
    portal.setAttribute('api', TEST_API);
    page.prepend(portal);
    const root = await rendered(probe);
    await waitUntil(() => textOf(root) === TEST_API, 'late portal never reached the widget');
  });

  it('a widget inside a second portal uses that portal', async () => {
    const page = mount(`
      <obec-portal api="${TEST_API}"></obec-portal>
      <obec-portal api="https://second.example/api"><obec-context-probe id="second"></obec-context-probe></obec-portal>
      <obec-context-probe id="outside"></obec-context-probe>`);
    const second = await rendered(page.querySelector('#second')!);
    const outside = await rendered(page.querySelector('#outside')!);
    await waitUntil(() => textOf(second) === 'https://second.example/api' && textOf(outside) === TEST_API);
  });

  it('when the page portal goes away, the next one serves the page', async () => {
    const page = mount(`<obec-portal id="first" api="${TEST_API}"></obec-portal><obec-context-probe></obec-context-probe>`);
    const root = await rendered(page.querySelector('obec-context-probe')!);
    await waitUntil(() => textOf(root) === TEST_API);
    page.querySelector('#first')!.remove();
    const replacement = document.createElement('obec-portal');
    replacement.setAttribute('api', 'https://replacement.example/api');
    page.append(replacement);
    // the widget re-requests when it reconnects
    const probe = page.querySelector('obec-context-probe')!;
    probe.remove();
    page.append(probe);
    await waitUntil(() => textOf(root) === 'https://replacement.example/api', 'replacement portal not used');
    expect(textOf(root)).to.equal('https://replacement.example/api');
  });
});
