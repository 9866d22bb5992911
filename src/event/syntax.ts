/** The event file as text: its encoding, where it is, and what its YAML or JSON syntax errors mean to a clerk. */
export function decode(bytes: Buffer): { text: string; warning?: string } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: bytes.subarray(2).toString('utf16le') };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return { text: swapped.toString('utf16le') };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      warning: 'the file is not UTF-8; it was read as Windows-1252 (check letters such as é in names)',
    };
  }
}

/** The parser's first line, without its position (the problem carries it). */
export function syntaxDetail(message: string): string {
  // The parser recurses per level: [[[[… a few thousand deep overflows its stack.
  if (/Maximum call stack size exceeded/.test(message))
    return 'lists or groups are nested too deeply (thousands of [ or { inside one another)';
  return message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/:$/, '');
}

export function syntaxMessage(message: string, json: boolean): string {
  return `${json ? 'JSON' : 'YAML'} syntax error: ${syntaxDetail(message)}`;
}

/** The values of an event-syntax problem, for its message in the interface language (src/i18n). */
export function syntaxParams(message: string, src: string, json: boolean): Record<string, string> {
  return {
    format: json ? 'JSON' : 'YAML',
    detail: syntaxDetail(message),
    _h: json ? 'json' : /^\t/m.test(src) ? 'tabs' : 'yaml',
  };
}

export function syntaxHint(src: string, json: boolean): string {
  if (json) return 'check commas, quotes and brackets near this line';
  if (/^\t/m.test(src)) return 'indent with spaces, not tabs; put text containing ": " or "#" in quotes';
  return 'check the indentation (spaces, the same for keys of one group) and put text containing ": " or "#" in quotes';
}
