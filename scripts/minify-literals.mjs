/**
 * A rollup plugin that squeezes the whitespace and comments out of our own
 * `css` and `html` template literals before the bundle is minified. Terser
 * leaves template text alone; in CSS and in Lit templates a run of white space
 * means the same as one space (none of our templates use <pre>), and a
 * newline-plus-indent between tags is pure overhead.
 */
const TAGGED = /\b(css|html)`((?:[^`\\]|\\.)*)`/gs;

function squeeze(kind, text) {
  return text
    .split(/(\$\{(?:[^{}]|\{[^{}]*\})*\})/)
    .map((part, index) => {
      if (index % 2 === 1) return part; // an interpolation: leave the expression as written
      let out = part;
      if (kind === 'css') out = out.replace(/\/\*[\s\S]*?\*\//g, '');
      out = out.replace(/\s+/g, ' ');
      if (kind === 'css') out = out.replace(/ ?([{};:,>]) ?/g, '$1').replace(/;}/g, '}');
      else out = out.replace(/> </g, '><');
      return out;
    })
    .join('');
}

export function minifyLiterals({ include = /\/(src|components)\/.*\.ts$/ } = {}) {
  return {
    name: 'minify-literals',
    transform(code, id) {
      if (!include.test(id)) return null;
      if (!code.includes('css`') && !code.includes('html`')) return null;
      return { code: code.replace(TAGGED, (_, kind, body) => `${kind}\`${squeeze(kind, body)}\``), map: null };
    },
  };
}
