import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';

/**
 * `components/<tag>/<tag>.ts` only registers its element (`defineElement(…)`)
 * and stories import it for that side effect alone. package.json's
 * `sideEffects` lists only the built `dist/` files, so the bundler would
 * treat these source modules as side-effect free and drop the bare imports:
 * the production Storybook would render undefined elements. Mark them.
 */
function elementRegistrationsHaveSideEffects(): Plugin {
  const registration = /[\\/]components[\\/]([^\\/]+)[\\/]\1\.ts$/;
  return {
    name: 'obec:element-registrations-have-side-effects',
    enforce: 'pre',
    transform(_code, id) {
      return registration.test(id.split('?')[0]!) ? { moduleSideEffects: true } : null;
    },
  };
}

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  core: { disableTelemetry: true },
  docs: { defaultName: 'Docs' },
  async viteFinal(viteConfig) {
    viteConfig.plugins = [...(viteConfig.plugins ?? []), elementRegistrationsHaveSideEffects()];
    return viteConfig;
  },
};

export default config;
