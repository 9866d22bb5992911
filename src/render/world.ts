/**
 * What the render asks of the world outside: files read and folders looked at. The plan
 * (plan.ts) sees the disk only through this, so it can be run in memory; the Node World
 * (node-world.ts) is the one that touches the file system.
 */
export interface World {
  /** The bytes of a file, or null when there is none (or it cannot be read). */
  readFile(file: string): Buffer | null;
  /** Whether `p` is a folder. */
  isDirectory(p: string): boolean;
}
