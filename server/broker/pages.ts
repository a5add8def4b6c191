import { escapeHtml } from '../http/html.js';
/**
 * The few pages the broker itself shows (sign-out confirmation, errors). No
 * inline script or style: the broker's own CSP forbids them too.
 */
/**
 * The policy of every page the broker renders. No `form-action`: browsers
 * apply it to the redirects after the sign-out form, which must reach NIA.
 */
export const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'";


export function page({ title, body, scripts = [] }: { title: string; body: string; scripts?: string[] }): string {
  return `<!doctype html>
<html lang="cs">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/broker/assets/broker.css">
${scripts.map((src) => `<script src="${escapeHtml(src)}" defer></script>`).join('\n')}
</head>
<body>
<header><p>Přihlašovací služba obce</p></header>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

export function errorPage(title: string, text: string): string {
  return page({ title, body: `<p>${escapeHtml(text)}</p><p>Vraťte se prosím na stránky obce a zkuste to znovu.</p>` });
}

export function logoutPage(form: string): string {
  return page({
    title: 'Odhlašování',
    scripts: ['/broker/assets/logout.js'],
    body: `${form}<p>Odhlašujeme vás ze služeb obce a z Národní identitní autority…</p>
<button type="submit" form="op.logoutForm" name="logout" value="yes" class="primary">Odhlásit se</button>`,
  });
}

export const loggedOutPage = () =>
  page({ title: 'Odhlášení proběhlo', body: '<p>Byli jste odhlášeni. Okno můžete zavřít nebo se vrátit na stránky obce.</p>' });

export const ASSETS: Record<string, { type: string; body: string }> = {
  'broker.css': {
    type: 'text/css; charset=utf-8',
    body: `body{margin:0;font-family:system-ui,Roboto,Arial,sans-serif;color:#262626;background:#f2f4f7;line-height:1.5}
header{background:#2362a2;color:#fff;padding:.75rem 1.5rem;font-weight:700}header p{margin:0}
main{max-width:36rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:4px}
h1{font-size:1.5rem;margin-top:0}
button.primary{min-height:44px;padding:0 1rem;border:2px solid #2362a2;border-radius:4px;background:#2362a2;color:#fff;font:inherit;font-weight:700;cursor:pointer}
button:focus-visible{outline:3px solid #007bff;outline-offset:2px}`,
  },
  // Submits the sign-out form at once; the button stays for browsers without scripts.
  'logout.js': {
    type: 'text/javascript; charset=utf-8',
    body: `document.querySelector('button[name="logout"]')?.click();`,
  },
};
