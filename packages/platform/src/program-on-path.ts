import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Whether an executable `binary` is in one of PATH's folders. */
export function programOnPath(binary: string, path = process.env.PATH ?? ''): boolean {
  return path
    .split(delimiter)
    .filter((folder) => folder !== '')
    .some((folder) => {
      try {
        accessSync(join(folder, binary), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}
