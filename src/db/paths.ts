import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root: the folder above this module that holds package.json and migrations/.
 * Found by walking up, so it works from src/ under tsx and from a built dist/ alike.
 */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'migrations'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Could not find the project root (package.json with migrations/)');
    dir = parent;
  }
}

/** The migrations folder; MIGRATIONS_DIR overrides it. */
export function migrationsFolder(): string {
  return process.env.MIGRATIONS_DIR ? path.resolve(process.env.MIGRATIONS_DIR) : path.join(projectRoot(), 'migrations');
}

/** Reference data shipped with the product (data/reference); REFERENCE_DATA_DIR overrides it. */
export function referenceDataFolder(): string {
  return process.env.REFERENCE_DATA_DIR
    ? path.resolve(process.env.REFERENCE_DATA_DIR)
    : path.join(projectRoot(), 'data', 'reference');
}
