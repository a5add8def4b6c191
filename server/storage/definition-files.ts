import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config.js';

/**
 * Reads every `*.json` of a folder of definitions (FORMS_DIR, POLLS_DIR) at
 * start-up, in name order, each checked by `check`: a folder that cannot be
 * read, a file that is not JSON or not a valid definition, and two files of
 * one id stop the start-up with a ConfigError of one line naming the file.
 * Nothing is stored here, so the caller stores only once all files passed.
 *
 * @param check the definition, or the first problem with it in words.
 */
export function readDefinitionFiles<T extends { id: string }>(
  variable: string,
  dir: string,
  what: string,
  check: (json: unknown) => { definition: T } | { problem: string },
): { definition: T; file: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    throw new ConfigError(`${variable} is invalid: cannot read the folder ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const read: { definition: T; file: string }[] = [];
  const fileOf = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`${variable}: ${file} is not readable JSON (${(error as Error).message})`);
    }
    const checked = check(json);
    if ('problem' in checked) throw new ConfigError(`${variable}: ${file} is not a valid ${what} definition: ${checked.problem}`);
    const other = fileOf.get(checked.definition.id);
    if (other) throw new ConfigError(`${variable}: ${file} defines the ${what} "${checked.definition.id}" again (also in ${other})`);
    fileOf.set(checked.definition.id, file);
    read.push({ definition: checked.definition, file });
  }
  return read;
}
