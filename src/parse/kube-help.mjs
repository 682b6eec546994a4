// What a kube binary says about its flags: the flags its `--help` lists, and how it took a
// trial parse (`BINARY FLAG… --version`: the three components parse every flag before they
// act on --version, so the version is printed only when each flag exists). Plain JavaScript
// with a declaration file beside it, so that the scripts that read the built binaries
// (scripts/flag-truth.mjs) share it with the preflight check.

const FLAG_LINE = /^\s+(?:-[A-Za-z0-9], )?(--[a-z0-9][a-z0-9_-]*)(?: (\S+))?(?: {2,}|$)/;

/**
 * The flags of a `--help` text: name → { bool } (bool: takes no separate value; pflag prints
 * no type for booleans, and an optional value like `version[=true]` counts as one).
 */
export function parseHelp(text) {
  const flags = new Map();
  for (const line of text.split('\n')) {
    const m = FLAG_LINE.exec(line);
    if (!m) continue;
    const type = m[2];
    flags.set(m[1], { bool: type === undefined || type.includes('[=') });
  }
  return flags;
}

/** How a binary took `… --version`, from its stdout and stderr. */
export function readTrial(stdout, stderr) {
  const out = `${stdout}\n${stderr}`;
  return {
    ok: /Kubernetes v\d/.test(stdout),
    unknown: /unknown (?:shorthand )?flag: (-{1,2}[\w-]+)/.exec(out)?.[1] ?? null,
    invalid: /invalid argument ".*?" for "(?:-\w, )?(--[\w-]+)" flag/.exec(out)?.[1] ?? null,
    deprecated: [...out.matchAll(/Flag (--[\w-]+) has been deprecated/g)].map((m) => m[1]),
    output: out.trim(),
  };
}
