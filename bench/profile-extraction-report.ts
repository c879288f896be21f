/**
 * Self time of a .cpuprofile (node --cpu-prof) by function and by source file:
 * `npx tsx bench/profile-extraction-report.ts <file.cpuprofile> [top]`.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Profile;
const top = Number(process.argv[3] ?? 40);
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const node of profile.nodes) {
  const us = self.get(node.id) ?? 0;
  const file = node.callFrame.url.replace(/^.*\/(shared|bench|models|node_modules)\//, '$1/') || '(native)';
  const fn = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  byFile.set(file, (byFile.get(file) ?? 0) + us);
}
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
};
// Each sample to the PIPELINE extractor it ran under (the nearest such frame above it).
const EXTRACTORS = new Set(['decode', 'rejectDataFiles', 'detectFormat', 'findDateline', 'findByline', 'buildStructure', 'applyObjectTitle', 'tokenizeText', 'findPublished', 'detectLanguage', 'countStats', 'takeFingerprints', 'takeDuplicateFingerprint', 'findEntities', 'findQuotes', 'findDates', 'findKeywords', 'extractRecord']);
const byExtractor = new Map<string, number>();
const walk = (id: number, owner: string): void => {
  const node = nodes.get(id)!;
  const name = EXTRACTORS.has(node.callFrame.functionName) ? node.callFrame.functionName : owner;
  byExtractor.set(name, (byExtractor.get(name) ?? 0) + (self.get(id) ?? 0));
  for (const child of node.children ?? []) walk(child, name);
};
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
walk(profile.nodes[0]!.id, '(outside extraction)');
print('by extractor (total time under it)', byExtractor);
print('by file (self time)', byFile);
print('by function (self time)', byFunction);
