export { type CompileOptions, compileCommand } from './compile-command.js';
export { parseTsxCommand, type TsxCommand } from './tsx-command.js';
