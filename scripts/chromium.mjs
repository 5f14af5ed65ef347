// Debian's Chromium, headless, as the tests and the benches launch it.
import { chromium } from 'playwright-core';

const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';
// There is no network here: without these Chromium keeps trying to reach Google's update,
// sync and QUIC endpoints, which is slow and pollutes the request log.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium (`$CHROMIUM`, else /usr/bin/chromium) with no network chatter. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
