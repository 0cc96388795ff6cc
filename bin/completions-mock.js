#!/usr/bin/env node
// The CLI lives in the build output; point at the build step when it is missing.
import('../dist/cli/bundle.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/bundle.js')) {
    process.stderr.write('error: completions-mock is not built; run `npm run build` first\n');
  } else {
    process.stderr.write(`error: ${error?.message ?? error}\n`);
  }
  process.exit(1);
});
