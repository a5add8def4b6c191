import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * A plain static file server, the kind any town web host is: it maps URL
 * prefixes to folders and knows nothing about the widgets. `headers` are
 * added to every answer (the demo sends a strict Content-Security-Policy).
 */
export function createStaticServer({ mounts, headers = {}, rewriteHtml }) {
  const roots = Object.entries(mounts).map(([prefix, folder]) => [prefix, resolve(folder)]);
  return createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname);
    const mount = roots
      .filter(([prefix]) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix))
      .sort((a, b) => b[0].length - a[0].length)[0];
    if (!mount || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(mount ? 405 : 404).end();
      return;
    }
    const [prefix, root] = mount;
    let file = normalize(join(root, path.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      await stat(file);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end('Not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache', ...headers });
    if (request.method === 'HEAD') response.end();
    else if (rewriteHtml && type.startsWith('text/html')) response.end(rewriteHtml(await readFile(file, 'utf8')));
    else createReadStream(file).pipe(response);
  });
}
