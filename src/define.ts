/**
 * Registers a custom element unless its tag is already taken.
 *
 * A town site can load the bundle twice (a CMS plugin and a template both add
 * the script tag) or two versions of it; `customElements.define` would throw
 * on the second call and break everything after it. The first registration
 * wins; a different class under the same tag is reported once in the console,
 * never thrown.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing === undefined) {
    customElements.define(tag, ctor);
    return;
  }
  if (existing !== ctor) {
    const mine = (ctor as { version?: string }).version;
    const theirs = (existing as { version?: string }).version;
    if (mine !== theirs) {
      console.warn(
        `obec-widgets: <${tag}> is already defined by version ${theirs ?? 'unknown'}; version ${mine ?? 'unknown'} keeps using it.`,
      );
    }
  }
}
