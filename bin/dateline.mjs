#!/usr/bin/env node
// The `dateline` command. The CLI is TypeScript; tsx's loader transpiles it on the fly (cached in the
// OS temp folder after the first run), so there is no build step between editing and running.
import { register } from 'tsx/esm/api';

// The AWS SDK warns on every run that its 2027 releases will need Node 22; the lockfile pins this
// release, and the warning would bury the CLI's own output. Set the variable to 'false' to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv);
