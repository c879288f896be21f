import { describe, expect, it } from 'vitest';
import { componentOf, timeByComponent, type CpuProfile } from '../../bench/lib/profile';

const frame = (url: string, functionName = 'f') => ({ url, functionName, lineNumber: 0, columnNumber: 0 });

describe('CPU profile components', () => {
  it('names the part of the system a source file belongs to', () => {
    expect(componentOf('file:///repo/shared/extract/entities.ts')).toBe('extraction (shared/extract)');
    expect(componentOf('../../shared/ner/tagger.ts')).toBe('NER tagger (shared/ner)');
    expect(componentOf('file:///repo/node_modules/@smithy/core/dist-es/index.js')).toBe('AWS SDK');
    expect(componentOf('file:///repo/node_modules/dynalite/db/index.js')).toBe('dynalite (local DynamoDB)');
    expect(componentOf('file:///repo/node_modules/zod/v4/core/parse.js')).toBe('zod validation');
    expect(componentOf('node:internal/modules/esm/utils')).toBe('module loading and compiling');
    expect(componentOf('', '(garbage collector)')).toBe('garbage collection');
  });

  it("charges a built-in's time (no URL) to the code that called it, and leaves idle time out", () => {
    // root -> extract (shared/extract) -> exec (built-in, no URL); root -> (idle)
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('', '(root)'), children: [2, 4] },
        { id: 2, callFrame: frame('file:///repo/shared/extract/dates.ts', 'findDates'), children: [3] },
        { id: 3, callFrame: frame('', 'exec') },
        { id: 4, callFrame: frame('', '(idle)') },
      ],
      samples: [2, 3, 3, 4, 4, 4],
      timeDeltas: [1000, 1000, 1000, 5000, 5000, 5000],
    };
    expect(timeByComponent(profile)).toEqual([{ component: 'extraction (shared/extract)', ms: 3, share: 1 }]);
  });
});
