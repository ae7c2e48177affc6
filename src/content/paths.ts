import { fileURLToPath } from 'node:url';

/** The `content/` folder shipped with the package: found from this file, so any working directory works. */
export const defaultContentDir = (): string => fileURLToPath(new URL('../../content/', import.meta.url));
