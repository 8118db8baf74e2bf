// `npm run icons`: renders build/icon.svg into every icon file electron-builder packages:
// build/icons/<size>.png (Linux), build/icon.png (512 px, the fallback), build/icon.ico (Windows)
// and build/icon.icns (macOS). The outputs are committed, so packaging never needs this script.
import { Resvg } from '@resvg/resvg-js';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import png2icons from 'png2icons';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = join(root, 'build');

/** The PNG sizes written to build/icons/: the freedesktop hicolor sizes up to 512, plus 1024 for the .icns source. */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

/** Renders the SVG source as a square PNG `size` pixels wide. */
export function renderPng(svg: string, size: number): Buffer {
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' });
  return resvg.render().asPng();
}

async function main(): Promise<void> {
  const svg = await readFile(join(buildDir, 'icon.svg'), 'utf8');
  await mkdir(join(buildDir, 'icons'), { recursive: true });
  const written: string[] = [];
  const write = async (path: string, data: Buffer): Promise<void> => {
    await writeFile(path, data);
    written.push(`${relative(root, path)} (${(data.length / 1024).toFixed(1)} KiB)`);
  };

  const pngs = new Map<number, Buffer>();
  for (const size of ICON_SIZES) {
    const png = renderPng(svg, size);
    pngs.set(size, png);
    await write(join(buildDir, 'icons', `${size}.png`), png);
  }
  await write(join(buildDir, 'icon.png'), pngs.get(512)!);

  // Both containers are downscaled from the 1024 px render. forWinExe keeps the 256 px entry as PNG
  // and the smaller ones as BMP, the layout Windows' resource tools expect in an .exe.
  const master = pngs.get(1024)!;
  const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, false, true);
  const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0);
  if (!ico || !icns) throw new Error('png2icons could not convert build/icon.svg.');
  await write(join(buildDir, 'icon.ico'), ico);
  await write(join(buildDir, 'icon.icns'), icns);
  console.log(`Wrote ${written.join(', ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
