import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../components/obec-feedback/obec-feedback.js';
import type { ObecPortal } from '../components/obec-portal/obec-portal.js';
import { feedbackFetch, type FeedbackBackend } from '../stories/feedback-fixtures.js';
import { expectAccessible } from './helpers/axe.js';
import { cleanPage, mount, rendered, textOf } from './helpers/page.js';

const API = 'https://obec.example/api';

/** The element focus is on, through shadow roots. */
function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Component behaviour of <obec-feedback> on fixtures; the real backend is in tests/server and tests/flow. */
describe('<obec-feedback>', () => {
  afterEach(() => cleanPage());

  async function show({ backend = {} as FeedbackBackend, target = '', lang = '' } = {}) {
    backend.log ??= [];
    const page = mount(`<obec-portal api="${API}" ${lang ? `lang="${lang}"` : ''}></obec-portal><obec-feedback ${target ? `target="${target}"` : ''}></obec-feedback>`);
    (page.querySelector('obec-portal') as ObecPortal).fetch = feedbackFetch(backend);
    const widget = page.querySelector('obec-feedback')!;
    const root = await rendered(widget);
    await waitUntil(() => root.querySelector('h2'), 'the question never showed');
    return { page, widget, root, log: backend.log };
  }

  const button = (root: ShadowRoot, label: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => textOf(candidate) === label)!;
  const noInlineStyles = (root: ShadowRoot) => expect(root.querySelectorAll('[style]').length, 'a style attribute breaks a strict style-src').to.equal(0);
  async function press(element: HTMLElement, key = 'Enter') {
    element.focus();
    await sendKeys({ press: key });
  }

  it('one click on "Ano" saves the answer for the page and thanks; no comment needed', async () => {
    let rated: CustomEvent | undefined;
    const { page, widget, root, log } = await show();
    widget.addEventListener('obec-feedback-rated', (event) => (rated = event as CustomEvent));
    expect(textOf(root.querySelector('h2')!)).to.equal('Pomohla vám tato stránka?');
    noInlineStyles(root);
    await expectAccessible(page);

    await press(button(root, 'Ano'));
    await waitUntil(() => root.querySelector('[part="thanks"]'), 'no thanks');
    await waitUntil(() => deepActive() === root.querySelector('[part="thanks"]'), 'the thanks did not take focus');
    expect(textOf(root.querySelector('[part="thanks"]')!)).to.equal('Děkujeme za odpověď.');
    const posts = log!.filter((entry) => entry.method === 'POST');
    expect(posts).to.have.length(1);
    expect(posts[0]!.path).to.equal('/ratings');
    expect(posts[0]!.body).to.deep.equal({ target: location.pathname, helpful: true });
    expect(rated?.detail).to.deep.equal({ target: location.pathname, helpful: true });
    // the comment is offered but optional
    expect(textOf(root.querySelector('label[for="comment"]')!)).to.contain('(nepovinné)');
    noInlineStyles(root);
    await expectAccessible(page);
    expect(log!.filter((entry) => entry.method === 'PATCH')).to.have.length(0);
  });

  it('"Ne" with a comment: the comment follows with the edit token', async () => {
    const { page, root, log } = await show({ target: 'fee-payment' });
    await press(button(root, 'Ne'));
    await waitUntil(() => root.querySelector('#comment'), 'no comment field');
    expect(textOf(root.querySelector('label[for="comment"]')!)).to.contain('Co vám na stránce chybělo');
    const comment = root.querySelector<HTMLTextAreaElement>('#comment')!;
    comment.focus();
    await sendKeys({ type: 'Chybí otevírací doba.' });
    await waitUntil(() => textOf(root).includes('Zbývá 979 znaků.'), textOf(root));
    await press(button(root, 'Odeslat vzkaz'));
    await waitUntil(() => textOf(root).includes('Děkujeme, vzkaz jsme předali obecnímu úřadu.'), 'no thanks for the comment');
    await waitUntil(() => deepActive() === root.querySelector('[part="thanks"]'));
    const posts = log!.filter((entry) => entry.method === 'POST');
    expect(posts[0]!.body).to.deep.equal({ target: 'fee-payment', helpful: false });
    const patches = log!.filter((entry) => entry.method === 'PATCH');
    expect(patches).to.have.length(1);
    expect(patches[0]!.path).to.equal('/ratings/rating-1');
    expect(patches[0]!.body).to.deep.equal({ comment: 'Chybí otevírací doba.' });
    expect(patches[0]!.headers.get('X-Edit-Token')).to.equal('edit-token-1');
    await expectAccessible(page);
  });

  it('an empty comment is not sent and says why', async () => {
    const { page, root, log } = await show();
    await press(button(root, 'Ano'));
    await waitUntil(() => root.querySelector('#comment'));
    await press(button(root, 'Odeslat vzkaz'));
    await waitUntil(() => root.querySelector('#comment-error'));
    expect(root.querySelector('#comment')!.getAttribute('aria-invalid')).to.equal('true');
    expect(root.querySelector('#comment')!.getAttribute('aria-describedby')).to.contain('comment-error');
    expect(log!.filter((entry) => entry.method === 'PATCH')).to.have.length(0);
    await expectAccessible(page);
  });

  it('the honeypot is hidden from people and assistive technology', async () => {
    const { root } = await show();
    const trap = root.querySelector<HTMLInputElement>('#website')!;
    expect(trap.tabIndex).to.equal(-1);
    expect(trap.getAttribute('autocomplete')).to.equal('off');
    expect(trap.closest('[aria-hidden="true"]')).to.not.equal(null);
    expect(trap.closest('.visually-hidden')).to.not.equal(null);
  });

  it('a refused answer (too many) says so and the buttons stay', async () => {
    const { page, root } = await show({ backend: { rating: 'rate-limited' } });
    await press(button(root, 'Ne'));
    await waitUntil(() => root.querySelector('[part="error"]'), 'no error', { timeout: 8000 });
    await waitUntil(() => deepActive() === root.querySelector('[part="error"]'));
    expect(button(root, 'Ano')).to.not.equal(undefined);
    await expectAccessible(page);
  });

  it('speaks English', async () => {
    const { page, root } = await show({ lang: 'en' });
    expect(textOf(root.querySelector('h2')!)).to.equal('Was this page helpful?');
    await press(button(root, 'Yes'));
    await waitUntil(() => textOf(root).includes('Thank you for your answer.'));
    await expectAccessible(page);
  });
});
