import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { strictCsp, testApi } from './tests/helpers/test-api.mjs';
import { closingLineReporter } from './tests/helpers/closing-line-reporter.mjs';

/**
 * Browser tests in Debian's Chromium (installed by `npm test` when missing).
 * CHROMIUM_PATH overrides the binary.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default {
  // browser tests only: tests/server, tests/nia-simulator and tests/flow run in Node
  files: ['tests/*.test.ts'],
  nodeResolve: { exportConditions: ['development'] },
  rootDir: '.',
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  middleware: [testApi, strictCsp],
  // The portal's visit beacon (navigator.sendBeacon) would go to the tests' made-up API hosts: every test page
  // records beacons in window.__beacons instead, and sends none.
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><head><meta charset="utf-8"></head><body><script>window.__beacons = []; navigator.sendBeacon = (url, data) => (window.__beacons.push({ url: String(url), data: String(data) }), true);</script><script type="module" src="${testFramework}"></script></body></html>`,
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2021' })],
  reporters: [defaultReporter(), closingLineReporter()],
  // Dev-mode Lit gives better errors in tests; its one-line notice is noise.
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-dev-shm-usage',
        ],
      },
    }),
  ],
};
