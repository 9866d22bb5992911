/**
 * What ikrar asks of the world outside while it reads its inputs: files read, folders listed and
 * looked at, and the platform paths are written for. Everything below the command line that reads
 * a clerk's file (the event file and its logo, the templates, the old manifest) reads it through
 * this, so it can be run in memory; the Node World (node.ts) is the one that touches the disk.
 */
export type Entry =
  | { kind: 'file' | 'folder' | 'other'; size: number }
  | { kind: 'missing' }
  /** There is something, but it cannot be looked at (`reason`: the system's code, e.g. EACCES). */
  | { kind: 'unreadable'; reason: string };

export interface World {
  /** The platform the clerk's paths are written for (`process.platform`): on win32 a `\` separates folders. */
  readonly platform: string;
  /** The bytes of a file, or null when there is none (or it cannot be read). */
  readFile(file: string): Buffer | null;
  /** What is at `p`. Never throws. */
  stat(p: string): Entry;
  /** The names in folder `dir`, or null when it is not a folder that can be read. */
  list(dir: string): string[] | null;
  /** Whether `p` is a folder. */
  isDirectory(p: string): boolean;
}
