// Debian's Chromium, as every browser test and benchmark here launches it: headless,
// as root (so no sandbox), no GPU, and nothing that reaches for the network (this
// machine has none).
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
