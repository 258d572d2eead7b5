/**
 * Where MCP clients keep a user's own configuration, per operating system
 * (from each client's documentation). Pure: the shell passes the platform,
 * the home folder and the environment, and reads what exists.
 */
export interface UserLocation {
  /** The file (or, for Continue's block folder, the folder) to read. */
  readonly path: string;
  /** How the report shows it: `~/.cursor/mcp.json`. */
  readonly shown: string;
  readonly client: string;
}

export function userConfigLocations(
  platform: string,
  home: string,
  env: Readonly<Record<string, string | undefined>>,
): UserLocation[] {
  const h = home.replace(/[\\/]+$/, '');
  const appData = env.APPDATA ?? `${h}/AppData/Roaming`;
  const config = env.XDG_CONFIG_HOME ?? `${h}/.config`;
  const apps = platform === 'darwin' ? `${h}/Library/Application Support` : platform === 'win32' ? appData : config;
  const at = (path: string, client: string): UserLocation => ({
    path,
    shown: path.startsWith(`${h}/`) ? `~/${path.slice(h.length + 1)}` : path,
    client,
  });
  return [
    at(`${apps}/Claude/claude_desktop_config.json`, 'Claude Desktop'),
    at(`${h}/.claude.json`, 'Claude Code'),
    at(`${h}/.cursor/mcp.json`, 'Cursor'),
    at(`${apps}/Code/User/mcp.json`, 'VS Code'),
    at(`${h}/.codeium/windsurf/mcp_config.json`, 'Windsurf'),
    at(`${h}/.continue/config.yaml`, 'Continue'),
    at(`${h}/.continue/mcpServers`, 'Continue'),
  ];
}
