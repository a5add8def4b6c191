/**
 * `npm run demo`: builds the widgets and starts the demo town's website on
 * 127.0.0.1, serving the CDN build under /obec-widgets/ exactly as a town's
 * web host would serve a copied script. PORT changes the port (default 8080).
 */
import { existsSync } from 'node:fs';
import { mustRun } from './run.mjs';
import { createStaticServer } from './static-server.mjs';

const port = Number(process.env.PORT ?? 8080);
if (!existsSync('dist/cdn/obec-widgets.js') || process.argv.includes('--build') || !process.argv.includes('--no-build')) {
  await mustRun('node', ['scripts/build.mjs']);
}

const site = createStaticServer({
  mounts: { '/': 'demo/site', '/obec-widgets/': 'dist/cdn' },
  headers: {
    // The demo town keeps a strict policy, to show the widgets need no exceptions.
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' http://127.0.0.1:*; object-src 'none'; base-uri 'none'",
  },
});
site.listen(port, '127.0.0.1', () => {
  console.log(`\nDemo town: http://127.0.0.1:${port}/\n(Ctrl+C stops it)`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => site.close(() => process.exit(0)));
