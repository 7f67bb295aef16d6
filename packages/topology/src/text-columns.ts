/**
 * Rows as lines of columns, each cell padded to its column's widest, two spaces apart: how the lab
 * and the patterns' own commands print a table on a terminal. The first row is usually the header.
 */
export function textColumns(rows: readonly (readonly string[])[]): string[] {
  if (rows.length === 0) return [];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
}
