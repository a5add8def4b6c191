import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  core: { disableTelemetry: true },
  docs: { defaultName: 'Docs' },
  async viteFinal(viteConfig) {
    // The web-components renderer imports `lit/directive-helpers.js`; pre-bundle
    // it with the rest of Lit, or the dev server loads lit-html twice
    // ("Multiple versions of Lit loaded").
    viteConfig.optimizeDeps = {
      ...viteConfig.optimizeDeps,
      include: [...(viteConfig.optimizeDeps?.include ?? []), 'lit/directive-helpers.js'],
    };
    return viteConfig;
  },
};

export default config;
