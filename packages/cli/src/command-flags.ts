// Which of config.ts's flags each command takes, and the one-line answer to a flag it does not know: the closest
// valid one and where the full list is. Kept apart from FLAGS so that adding a flag there stays a one-entry edit.
import { FLAGS } from './config.js';
import { ConfigError } from './errors.js';
import { DYNAMODB_LOCAL_FLAGS } from './dynamodb-local-flags.js';

export type Command = 'up' | 'dynamodb';

/** Flags only `ack-local up` has: the kube-apiserver's and the controller's. Every other flag is also
 *  `ack-local dynamodb`'s. */
export const UP_ONLY_FLAGS: ReadonlySet<string> = new Set([
  'kube-port',
  'kubeconfig',
  'kube-advertise-url',
  'namespace',
  'kube-version',
  'deletion-policy',
  'dynamodb-endpoint',
  'controller-time-scale',
]);

export const flagsOf = (command: Command): string[] =>
  Object.keys(FLAGS).filter((name) => command === 'up' || !UP_ONLY_FLAGS.has(name));

/**
 * Walks argv as parseArgs will, and refuses the first option the command does not have with its closest valid
 * spelling. Done before parseArgs because parseArgs reads `-port` as the short options -p -o -r -t and would
 * complain about `-p`, which helps nobody.
 */
export function checkFlags(argv: readonly string[], command: Command): void {
  const known = new Set(flagsOf(command));
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') return;
    if (!token.startsWith('-') || token === '-') continue;
    const name = token.replace(/^--?/, '').split('=')[0]!;
    if (token.startsWith('--') && known.has(name)) {
      if (FLAGS[name]!.type === 'string' && !token.includes('=')) i++; // its value, whatever it looks like
      continue;
    }
    throw new ConfigError(unknownFlagMessage(token.split('=')[0]!, command));
  }
}

function unknownFlagMessage(flag: string, command: Command): string {
  const name = flag.replace(/^--?/, '');
  const help = `\`ack-local ${command} --help\` lists them`;
  if (command === 'dynamodb' && UP_ONLY_FLAGS.has(name))
    return `${flag} is a flag of \`ack-local up\` (kube-apiserver and controller), not of \`ack-local dynamodb\`; ${help}`;
  const candidates = [
    ...flagsOf(command).map((f) => `--${f}`),
    ...(command === 'dynamodb' ? Object.keys(DYNAMODB_LOCAL_FLAGS).map((f) => `-${f}`) : []),
  ];
  const closest = closestFlag(flag, candidates);
  return `unknown option ${flag}${closest ? ` (did you mean ${closest}?)` : ''}; ${help}`;
}

/** The candidate at the smallest edit distance, compared without dashes or case; none when nothing is close. */
export function closestFlag(flag: string, candidates: readonly string[]): string | undefined {
  const bare = (s: string) => s.replace(/^-+/, '').toLowerCase();
  const wanted = bare(flag);
  let best: { flag: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const d = editDistance(wanted, bare(candidate));
    if (!best || d < best.distance) best = { flag: candidate, distance: d };
  }
  // Beyond about half the word's length the "closest" flag is a guess, not a correction.
  return best && best.distance <= Math.max(2, Math.ceil(wanted.length / 2)) ? best.flag : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

const SHELLS = ['bash', 'zsh', 'fish'];

/** `--print-env` with no shell named: the user's own ($SHELL's form; bash and zsh share theirs). */
export function withPrintEnvDefault(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const shell = /fish$/.test(env.SHELL ?? '') ? 'fish' : 'bash';
  return argv.map((token, i) =>
    token === '--print-env' && !SHELLS.includes(argv[i + 1] ?? '') ? `--print-env=${shell}` : token,
  );
}
