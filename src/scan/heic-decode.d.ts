/** Minimal typings for heic-decode (libheif-js, LGPL-3.0, loaded on demand), covering what ikrar uses. */
declare module 'heic-decode' {
  export interface HeicImage {
    width: number;
    height: number;
    /** Decodes this image to RGBA. */
    decode(): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
  }
  interface Decode {
    all(input: { buffer: Uint8Array }): Promise<HeicImage[] & { dispose(): void }>;
  }
  const decode: Decode;
  export default decode;
}
