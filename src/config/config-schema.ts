import * as z from 'zod/mini';

/** An absolute http(s) URL (checked with the browser's own URL parser). */
const httpUrl = z.string().check(
  z.refine((value) => {
    try {
      return /^https?:$/.test(new URL(value).protocol);
    } catch {
      return false;
    }
  }),
);

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
  clientId: z.optional(z.string().check(z.refine((value) => value.length > 0 && value.length <= 200))),
  /** Widget language; when absent, `<html lang>`, then Czech. */
  lang: z.optional(z.enum(['cs', 'en'])),
  /** Colour scheme: gov.cz light (default), dark, or following the device. */
  theme: z.optional(z.enum(['light', 'dark', 'auto'])),
  /** Milliseconds one API call may take. */
  timeout: z.optional(z.number().check(z.refine((value) => Number.isInteger(value) && value >= 1000 && value <= 120_000))),
});
export type ObecConfig = z.infer<typeof ConfigSchema>;
export type SettingName = keyof ObecConfig;

export const SETTING_NAMES = ['api', 'authority', 'clientId', 'lang', 'theme', 'timeout'] as const satisfies readonly SettingName[];

/** The attribute of `<obec-portal>` that carries a setting. */
export function attributeOf(setting: string): string {
  return setting.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}



/** One wrong or missing setting. */
export interface ConfigIssue {
  /** The setting's key (`clientId`), `json` for an unreadable JSON block, or an unknown key. */
  setting: string;
  /** The attribute to fix (`client-id`). */
  attribute: string;
  problem: 'invalid' | 'missing' | 'unknown' | 'json';
  received?: unknown;
}

/** Loads the wording of configuration problems, which only a misconfigured page needs. */
export const loadConfigProblems = () => import('./config-problems.js');

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
