/**
 * The option table Kafka's tools print for `--help` and usage errors, laid out as jopt-simple's
 * built-in help formatter does: two columns in 80 characters (options at most 39 wide, a 2-space
 * gutter), options sorted by name, long cells wrapped at spaces with continuation lines indented by 2,
 * every cell padded to its column width.
 */

export interface HelpOption {
  name: string;
  /** For options taking a value: the type shown (`String`, `Integer`) and what the value is. */
  arg?: { type: 'String' | 'Integer'; describedAs: string };
  description: string;
}

const OVERALL_WIDTH = 80;
const GUTTER = 2;
const INDENT = '  ';

/** Splits one line into pieces no wider than `width` where possible, breaking after whitespace. */
function piecesOfLine(line: string, width: number): string[] {
  const pieces: string[] = [];
  let next = '';
  for (const word of line.match(/\S*\s*/g) ?? []) {
    if (word === '') continue;
    if (next.length + word.length > width) {
      pieces.push(next.replace(/\s+$/, ''));
      next = INDENT + word;
    } else {
      next += word;
    }
  }
  if (next.length > 0) pieces.push(next);
  return pieces;
}

function piecesOf(raw: string, width: number): string[] {
  return raw
    .trim()
    .split('\n')
    .flatMap((line) => piecesOfLine(line, width));
}

type Row = [option: string, description: string];

function widths(rows: readonly Row[]): { option: number; description: number } {
  const widestOption = Math.max(0, ...rows.map((r) => r[0].length));
  const widestDescription = Math.max(0, ...rows.map((r) => r[1].length));
  const option = Math.min(Math.floor((OVERALL_WIDTH - GUTTER) / 2), widestOption);
  return { option, description: Math.min(OVERALL_WIDTH - option - GUTTER, widestDescription) };
}

function optionDisplay(o: HelpOption): string {
  return o.arg ? `--${o.name} <${o.arg.type}: ${o.arg.describedAs}>` : `--${o.name}`;
}

/** The whole table, one string with a newline after every row. */
export function formatHelp(options: readonly HelpOption[]): string {
  const sorted = [...options].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const raw: Row[] = [
    ['Option', 'Description'],
    ['------', '-----------'],
    ...sorted.map((o): Row => [optionDisplay(o), o.description]),
  ];
  const w = widths(raw);
  const fitted: Row[] = [];
  for (const [option, description] of raw) {
    const left = piecesOf(option, w.option);
    const right = piecesOf(description, w.description);
    for (let i = 0; i < Math.max(left.length, right.length); i++)
      fitted.push([left[i] ?? '', right[i] ?? '']);
  }
  const fw = widths(fitted);
  const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - s.length));
  return fitted
    .map(([o, d]) => `${pad(o, fw.option)}${' '.repeat(GUTTER)}${pad(d, fw.description)}\n`)
    .join('');
}
