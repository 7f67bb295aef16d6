/** How explanations name a file of a pattern with one `src/` folder. */

/** `src/modules/users/users.service.ts` → `modules/users/users.service.ts`: shorter, still findable. */
export const inSrc = (path: string) => path.replace(/^src\//, '');

/** The folder right below `src/` (`http`, `domain`, …), or the file's name when it sits in `src/` itself. */
export const topOf = (path: string) => inSrc(path).split('/')[0]!;
