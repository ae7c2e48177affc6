/**
 * `.env` in the working folder, read once at start by `npm start`, the terminal tutor and the
 * playground, with Node's own parser. Variables already in the environment win over the file, so
 * `PORT=4000 npm start` still means 4000 whatever the file says.
 */
export type EnvFileResult = 'loaded' | 'absent';

export class EnvFileError extends Error {
  readonly code = 'config_invalid';
}

export function loadEnvFile(path = '.env'): EnvFileResult {
  try {
    process.loadEnvFile(path);
    return 'loaded';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'absent';
    throw new EnvFileError(`${path} could not be read (${code ?? 'unknown error'}): fix or remove the file.`);
  }
}
