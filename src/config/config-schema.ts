import * as z from 'zod/mini';
import type { CoreMessageKey } from '../i18n/core-messages.js';

const httpUrl = z.url({ protocol: /^https?$/ });

/**
 * Everything a town site configures once for all widgets on the page. Each key
 * is an attribute of `<obec-portal>` (kebab-case) or a key of its JSON block.
 */
export const ConfigSchema = z.strictObject({
  /** Base URL of the town's backend API. */
  api: z.optional(httpUrl),
  /** Issuer URL of the town's identity broker. */
  authority: z.optional(httpUrl),
  /** The OIDC client id this site is registered under at the broker. */
  clientId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /** Widget language; when absent, `<html lang>`, then Czech. */
  lang: z.optional(z.enum(['cs', 'en'])),
  /** Colour scheme: gov.cz light (default), dark, or following the device. */
  theme: z.optional(z.enum(['light', 'dark', 'auto'])),
  /** Milliseconds one API call may take. */
  timeout: z.optional(z.number().check(z.int(), z.gte(1000), z.lte(120_000))),
});
export type ObecConfig = z.infer<typeof ConfigSchema>;
export type SettingName = keyof ObecConfig;

export const SETTING_NAMES = ['api', 'authority', 'clientId', 'lang', 'theme', 'timeout'] as const satisfies readonly SettingName[];

/** The attribute of `<obec-portal>` that carries a setting. */
export function attributeOf(setting: string): string {
  return setting.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** What a setting must look like, as a key of the core messages (localized for widgets). */
export const EXPECTED: Record<SettingName, CoreMessageKey> = {
  api: 'expected.api',
  authority: 'expected.authority',
  clientId: 'expected.clientId',
  lang: 'expected.lang',
  theme: 'expected.theme',
  timeout: 'expected.timeout',
};

/** The same, in English, for the one console line a developer reads. */
export const EXPECTED_EN: Record<SettingName | 'json' | 'unknown', string> = {
  api: 'an absolute http(s) URL of the town backend API, e.g. "https://obec.example/api"',
  authority: 'an absolute http(s) URL of the identity broker, e.g. "https://obec.example/oidc"',
  clientId: 'the non-empty client id this site is registered under at the broker',
  lang: '"cs" or "en"',
  theme: '"light", "dark" or "auto"',
  timeout: 'a whole number of milliseconds from 1000 to 120000',
  json: 'a JSON object inside <script type="application/json">',
  unknown: `no such setting; known settings are ${SETTING_NAMES.map(attributeOf).join(', ')}`,
};

/** One wrong or missing setting. */
export interface ConfigIssue {
  /** The setting's key (`clientId`), `json` for an unreadable JSON block, or an unknown key. */
  setting: string;
  /** The attribute to fix (`client-id`). */
  attribute: string;
  problem: 'invalid' | 'missing' | 'unknown' | 'json';
  received?: unknown;
}

export interface ConfigResult {
  config: ObecConfig;
  issues: ConfigIssue[];
}

/**
 * Validates raw settings. Keys that fail keep out of `config` (so the rest
 * still works) and come back as issues naming the attribute to fix.
 */
export function parseConfig(raw: Record<string, unknown>): ConfigResult {
  const input = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  const result = z.safeParse(ConfigSchema, input);
  if (result.success) return { config: result.data, issues: [] };

  const issues: ConfigIssue[] = [];
  const bad = new Set<string>();
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        bad.add(key);
        issues.push({ setting: key, attribute: attributeOf(key), problem: 'unknown' });
      }
      continue;
    }
    const key = String(issue.path[0]);
    if (bad.has(key)) continue;
    bad.add(key);
    issues.push({ setting: key, attribute: attributeOf(key), problem: 'invalid', received: input[key] });
  }
  const kept = Object.fromEntries(Object.entries(input).filter(([key]) => !bad.has(key)));
  const retry = z.safeParse(ConfigSchema, kept);
  return { config: retry.success ? retry.data : {}, issues };
}
