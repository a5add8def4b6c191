import { waitUntil } from '@open-wc/testing';

export type FrameWindow = Window & { errors: string[]; violations: string[] };

/** Opens a fixture page in an iframe, as a separate town page with its own global scope. */
export async function openFrame(src: string): Promise<{ frame: HTMLIFrameElement; win: FrameWindow; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.style.width = '900px';
  frame.style.height = '900px';
  frame.src = src;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return { frame, win: frame.contentWindow as FrameWindow, doc: frame.contentDocument! };
}

export async function shadowTextIncludes(doc: Document, selector: string, text: string): Promise<void> {
  await waitUntil(
    () => doc.querySelector(selector)?.shadowRoot?.textContent?.includes(text) ?? false,
    `${selector} never showed “${text}”`,
    { timeout: 5000 },
  );
}
