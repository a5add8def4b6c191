/**
 * HTML of the NIA simulator: Czech, plain forms (POST, no JavaScript, no
 * inline styles), one stylesheet at /sim/simulator.css. Every page carries
 * the "SIMULÁTOR (není to skutečná NIA)" header.
 */

export const STYLESHEET_PATH = '/sim/simulator.css';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const h = escapeHtml;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="cs">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${h(title)} — simulátor NIA</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<a class="sim-skip" href="#obsah">Přeskočit na obsah</a>
<header class="sim-header">
<div class="sim-wrap">
<p class="sim-header__title">Národní identitní autorita — SIMULÁTOR <span class="sim-header__warning">(není to skutečná NIA)</span></p>
</div>
</header>
<main id="obsah" class="sim-wrap sim-main" tabindex="-1">
${body}
</main>
<footer class="sim-footer">
<div class="sim-wrap">
<p>Testovací simulátor pro vývoj a testy. Nezadávejte sem žádné skutečné údaje; všechny osoby jsou smyšlené.</p>
</div>
</footer>
</body>
</html>
`;
}

function hiddenFlow(flowId: string): string {
  return `<input type="hidden" name="flow" value="${h(flowId)}">`;
}

function serviceLine(clientId: string): string {
  return `<p>Přihlášení vyžaduje služba <strong class="sim-break">${h(clientId)}</strong>.</p>`;
}

/** The error page of NIA for a bad OIDC request; `detail` is a simulator-only hint. */
export function protocolErrorPage(detail: string): string {
  return layout(
    'Chyba požadavku',
    `<h1>Chyba požadavku</h1>
<p class="sim-error" role="alert">erc=202 Invalid OpenID Connect protocol request</p>
<p>Požadavek služby neodpovídá registraci nebo protokolu OpenID Connect. Skutečná NIA v tomto případě zobrazí jen kód chyby a zpět do služby nepřesměruje.</p>
<p class="sim-hint"><strong>Nápověda simulátoru:</strong> ${h(detail)}</p>`,
  );
}

/** A generic error page (expired flow, bad form). */
export function errorPage(title: string, message: string): string {
  return layout(title, `<h1>${h(title)}</h1>\n<p class="sim-error" role="alert">${h(message)}</p>`);
}

export interface MeansView {
  id: string;
  name: string;
  /** "vysoká", "značná", "nízká". */
  loaLabel: string;
}

export function meansPage(args: {
  flowId: string;
  action: string;
  clientId: string;
  requiredLoaLabel: string;
  means: readonly MeansView[];
  filtered: boolean;
}): string {
  const buttons = args.means
    .map(
      (m) => `<li><button type="submit" class="sim-means__button" name="means" value="${h(m.id)}">
<span class="sim-means__name">${h(m.name)}</span>
<span class="sim-means__loa">úroveň záruky: ${h(m.loaLabel)}</span>
</button></li>`,
    )
    .join('\n');
  const note = args.filtered
    ? `<p class="sim-note">Služba vyžaduje úroveň záruky <strong>${h(args.requiredLoaLabel)}</strong>, proto jsou nabídnuty jen prostředky, které ji splňují.</p>`
    : '';
  return layout(
    'Výběr prostředku pro přihlášení',
    `<h1>Výběr prostředku pro přihlášení</h1>
${serviceLine(args.clientId)}
<p>Požadovaná úroveň záruky: <strong>${h(args.requiredLoaLabel)}</strong>.</p>
${note}
<form method="post" action="${h(args.action)}">
${hiddenFlow(args.flowId)}
<fieldset class="sim-fieldset">
<legend>Přihlásit se pomocí</legend>
<ul class="sim-means">
${buttons}
</ul>
</fieldset>
<div class="sim-actions">
<button type="submit" class="sim-button sim-button--secondary" name="action" value="cancel">Zrušit</button>
</div>
</form>`,
  );
}

export interface CitizenView {
  key: string;
  name: string;
  description: string;
}

export function signInPage(args: {
  flowId: string;
  action: string;
  clientId: string;
  meansName: string;
  citizens: readonly CitizenView[];
}): string {
  const radios = args.citizens
    .map((c) => {
      const id = `citizen-${c.key}`;
      return `<div class="sim-radio">
<input type="radio" id="${h(id)}" name="citizen" value="${h(c.key)}" required>
<label for="${h(id)}"><span class="sim-radio__name">${h(c.name)}</span> <span class="sim-radio__desc">${h(c.description)}</span></label>
</div>`;
    })
    .join('\n');
  return layout(
    `Přihlášení — ${args.meansName}`,
    `<h1>Přihlášení: ${h(args.meansName)}</h1>
${serviceLine(args.clientId)}
<p class="sim-note">Toto je simulované přihlášení: místo skutečného ověření vyberte jednu z testovacích osob.</p>
<form method="post" action="${h(args.action)}">
${hiddenFlow(args.flowId)}
<fieldset class="sim-fieldset">
<legend>Testovací osoba</legend>
${radios}
</fieldset>
<div class="sim-actions">
<button type="submit" class="sim-button" name="action" value="signin">Přihlásit</button>
<button type="submit" class="sim-button sim-button--secondary" name="action" value="cancel" formnovalidate>Zrušit</button>
</div>
</form>`,
  );
}

export interface ConsentRow {
  claim: string;
  label: string;
  /** undefined: NIA has no value, the claim will not be released. */
  value: string | undefined;
}

export function consentPage(args: {
  flowId: string;
  action: string;
  clientId: string;
  citizenName: string;
  meansName: string;
  rows: readonly ConsentRow[];
}): string {
  const table = args.rows.length
    ? `<p>Služba <strong class="sim-break">${h(args.clientId)}</strong> žádá o předání těchto údajů:</p>
<table class="sim-table">
<caption>Údaje k předání</caption>
<thead><tr><th scope="col">Údaj</th><th scope="col">Hodnota</th></tr></thead>
<tbody>
${args.rows
  .map(
    (r) =>
      `<tr><th scope="row">${h(r.label)} <code>${h(r.claim)}</code></th><td>${
        r.value === undefined ? '<span class="sim-muted">neuvedeno — nebude předáno</span>' : h(r.value)
      }</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`
    : `<p>Služba <strong class="sim-break">${h(args.clientId)}</strong> nežádá žádné osobní údaje; dozví se jen, že přihlášení proběhlo.</p>`;
  return layout(
    'Souhlas s předáním údajů',
    `<h1>Souhlas s předáním údajů</h1>
<p>Přihlášená osoba: <strong>${h(args.citizenName)}</strong> (${h(args.meansName)})</p>
${table}
<form method="post" action="${h(args.action)}">
${hiddenFlow(args.flowId)}
<div class="sim-actions">
<button type="submit" class="sim-button" name="action" value="agree">Souhlasím</button>
<button type="submit" class="sim-button sim-button--secondary" name="action" value="refuse">Nesouhlasím</button>
</div>
</form>`,
  );
}

/** Answer of endsession called without the browser's cookie (back-channel). */
export function backChannelLogoutPage(): string {
  return layout(
    'Odhlášení',
    `<h1>Odhlášení</h1>
<p>Požadavek nenese relaci prohlížeče, proto se nic nezměnilo. Skutečná NIA odhlašuje jen přesměrováním prohlížeče (front-channel).</p>`,
  );
}

export interface IndexView {
  baseUrl: string;
  discoveryUrl: string;
  endpoints: readonly { label: string; url: string }[];
  seps: readonly { clientId: string; redirectUris: readonly string[]; logoutUrl: string }[];
  citizens: readonly {
    name: string;
    description: string;
    dateOfBirth: string;
    address: string;
    eMail: string | undefined;
  }[];
  means: readonly MeansView[];
  signedInAs: string | undefined;
}

export function indexPage(view: IndexView): string {
  const seps = view.seps.length
    ? `<table class="sim-table">
<caption>Registrované služby (SeP)</caption>
<thead><tr><th scope="col">client_id (jedinečné URL)</th><th scope="col">Návratové adresy</th><th scope="col">Adresa po odhlášení</th></tr></thead>
<tbody>
${view.seps
  .map(
    (s) =>
      `<tr><td class="sim-break">${h(s.clientId)}</td><td class="sim-break">${s.redirectUris
        .map(h)
        .join('<br>')}</td><td class="sim-break">${h(s.logoutUrl)}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`
    : '<p>Zatím není registrována žádná služba.</p>';
  const citizens = `<table class="sim-table">
<caption>Testovací osoby</caption>
<thead><tr><th scope="col">Jméno</th><th scope="col">Popis</th><th scope="col">Datum narození</th><th scope="col">Adresa</th><th scope="col">E-mail</th></tr></thead>
<tbody>
${view.citizens
  .map(
    (c) =>
      `<tr><th scope="row">${h(c.name)}</th><td>${h(c.description)}</td><td>${h(c.dateOfBirth)}</td><td>${h(
        c.address,
      )}</td><td>${c.eMail === undefined ? '<span class="sim-muted">nemá</span>' : h(c.eMail)}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`;
  const endpoints = view.endpoints
    .map((e) => `<li>${h(e.label)}: <code class="sim-break">${h(e.url)}</code></li>`)
    .join('\n');
  const means = view.means.map((m) => `<li>${h(m.name)} (úroveň záruky ${h(m.loaLabel)})</li>`).join('\n');
  const session = view.signedInAs
    ? `<p>V tomto prohlížeči je otevřena relace jednotného přihlášení: <strong>${h(view.signedInAs)}</strong>.</p>`
    : '<p>V tomto prohlížeči není otevřena žádná relace jednotného přihlášení.</p>';
  return layout(
    'Přehled',
    `<h1>Simulátor Národní identitní autority</h1>
<p>Místní náhrada NIA pro vývoj a testy: mluví stejným dialektem OpenID Connect (nestandardní cesty, vydavatel <code>urn:microsoft:cgg2010:fpsts</code>, id_token jako JWE, atributy eIDAS jen přes parametr <code>claims</code>, žádný <code>sub</code>, pravidla odhlášení, výběr prostředku podle úrovně záruky a souhlas s předáním údajů).</p>
${session}
<h2>Adresy</h2>
<ul>
<li>Konfigurace (discovery): <code class="sim-break">${h(view.discoveryUrl)}</code></li>
${endpoints}
</ul>
<h2>Registrace služby</h2>
<p>Službu (SeP) registrujte požadavkem <code>POST ${h(view.baseUrl)}/sim/seps</code> s JSON objektem <code>{"clientId", "redirectUris", "logoutUrl", "encryptionKey"}</code>, kde <code>encryptionKey</code> je veřejný klíč RSA ve formátu PEM. Podrobnosti jsou v README simulátoru.</p>
${seps}
<h2>Prostředky pro přihlášení</h2>
<ul>
${means}
</ul>
<h2>Testovací osoby</h2>
${citizens}`,
  );
}
