/**
 * A fake camera for the scanner: Chromium plays a .y4m file as the webcam when launched with
 * `--use-fake-device-for-media-stream --use-file-for-fake-video-capture=<file>`. We turn a
 * ticket's QR PNG (from the API) into such a file: 640x480 I420 frames, the code centred on white
 * with its quiet zone, shown for a few seconds and then taken away for a few (the file loops), the
 * way a person shows their phone and lowers it. Chromium must be launched separately for this,
 * since the file is fixed at launch.
 */
import { chromium, type Browser } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

const W = 640;
const H = 480;
/** Largest side of the code on screen, in pixels: readable at 640x480 with room to spare. */
const CODE_SIZE = 400;

/** The launch flags of playwright.config.ts (Debian chromium as root, no outside network). */
const baseArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** One luma plane: the PNG (alpha over white) scaled by whole pixels and centred. */
function lumaPlane(png: Buffer): Buffer {
  const img = PNG.sync.read(png);
  // Whole-pixel scaling keeps every module the same size.
  const longest = Math.max(img.width, img.height);
  const up = longest <= CODE_SIZE ? Math.max(1, Math.floor(CODE_SIZE / longest)) : 1;
  const down = longest > CODE_SIZE ? Math.ceil(longest / CODE_SIZE) : 1;
  const w = Math.floor((img.width * up) / down);
  const h = Math.floor((img.height * up) / down);
  const left = Math.floor((W - w) / 2);
  const top = Math.floor((H - h) / 2);
  const y = Buffer.alloc(W * H, 255);
  for (let dy = 0; dy < h; dy++) {
    const sy = Math.floor((dy * down) / up);
    for (let dx = 0; dx < w; dx++) {
      const sx = Math.floor((dx * down) / up);
      const i = (sy * img.width + sx) * 4;
      const a = img.data[i + 3] / 255;
      const luma = 0.299 * img.data[i] + 0.587 * img.data[i + 1] + 0.114 * img.data[i + 2];
      y[(top + dy) * W + left + dx] = Math.round(luma * a + 255 * (1 - a));
    }
  }
  return y;
}

/**
 * Writes `file`: `shownSeconds` of the code, then `hiddenSeconds` of a blank white frame, at 5
 * frames per second (full-range 4:2:0, grey chroma).
 */
export function writeY4m(png: Buffer, file: string, shownSeconds = 3, hiddenSeconds = 3): void {
  const fps = 5;
  const code = lumaPlane(png);
  const blank = Buffer.alloc(W * H, 255);
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${W} H${H} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  const frame = (plane: Buffer) => parts.push(Buffer.from('FRAME\n'), plane, chroma);
  for (let i = 0; i < shownSeconds * fps; i++) frame(code);
  for (let i = 0; i < hiddenSeconds * fps; i++) frame(blank);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.concat(parts));
}

/** A Chromium whose camera shows `y4m` (the permission prompt is answered yes). */
export async function launchWithCamera(y4m: string): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      ...baseArgs,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
    ],
  });
}
