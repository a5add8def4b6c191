import { spawn } from 'node:child_process';

/**
 * Runs a command with inherited output, resolving with its exit code; with
 * `capture`, also returns what it printed (still shown as it comes).
 */
export function run(command, args, { capture = false, env = process.env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', env });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        process.stdout.write(chunk);
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
        process.stderr.write(chunk);
      });
    }
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

export async function mustRun(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} exited with ${result.code}`);
    process.exit(result.code);
  }
  return result;
}
