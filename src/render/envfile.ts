import type { ComponentLayout, EnvVar, Flag } from '../model/layout.js';

/**
 * An EnvironmentFile in the seed's layout: `###`, comment lines, then one `NAME="..."`
 * per variable. Variables ending in _ARGS put one flag per line with the seed's ` \`
 * continuation (systemd drops a backslash-newline inside double quotes); the others stay on
 * one line. Values were validated (no quotes, backslashes, `$`, white space), so nothing
 * needs escaping and `$NAME` in ExecStart splits into exactly these flags.
 */
export function flagText(flag: Flag): string {
  return flag.value === null ? flag.name : `${flag.name}=${flag.value}`;
}

function varText(v: EnvVar): string {
  const flags = v.flags.map(flagText);
  const body = v.name.endsWith('_ARGS') ? flags.join(' \\\n') : flags.join(' ');
  const line = `${v.name}="${body}"`;
  return v.commentedOut ? `# ${line}` : line;
}

export function renderEnvFile(layout: ComponentLayout, banner: string): string {
  const lines = ['###', ...layout.header, `# ${banner}`];
  for (const v of layout.vars) {
    if (!v.commentedOut && v.flags.length === 0) continue;
    lines.push(...v.comments, varText(v));
  }
  return `${lines.join('\n')}\n`;
}
