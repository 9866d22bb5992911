// The tally FLOOR: decode the same scan images to greyscale with sharp alone, `concurrency` at a
// time (2 = both cores), and nothing else: no page code, no registration, no measuring.
import sharp from 'sharp';

export async function floorDecode(files, concurrency = 2) {
  let next = 0;
  let pixels = 0;
  async function worker() {
    while (next < files.length) {
      const f = files[next++];
      const { info } = await sharp(f).greyscale().raw().toBuffer({ resolveWithObject: true });
      pixels += info.width * info.height;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { pages: files.length, pixels };
}
