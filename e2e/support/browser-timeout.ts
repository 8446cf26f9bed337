// A browser test drives a real Chromium through whole pages: a minute each, not the 30 s
// the other tiers get. (jest reads `testTimeout` from the root config only; a project's own
// is ignored, so the browser project sets it here, before each of its files.)
jest.setTimeout(60_000);
