/** Everything one `npm run bench` measured: what the reports are written from. */
import type { ColdStartResult } from './cold-start';
import type { CostModel } from './cost';
import type { UnitsResult } from './dynamo-units';
import type { EndToEndResult } from './end-to-end';
import type { AdversarialResult } from './adversarial';
import type { ExtractionResult } from './extraction';
import type { Machine } from './lib/machine';
import type { ReadBenchResult } from './reads';

export interface BenchResults {
  readonly machine: Machine;
  readonly finishedAt: string;
  readonly seconds: number;
  readonly quick: boolean;
  /** Parts skipped or failed, and stand-ins used (corpus absent), in words. */
  readonly notices: readonly string[];
  readonly extraction: ExtractionResult | null;
  readonly coldStart: ColdStartResult | null;
  readonly endToEnd: EndToEndResult | null;
  readonly units: UnitsResult | null;
  readonly cost: CostModel;
  readonly reads: readonly ReadBenchResult[];
  /** Hostile files (bench/adversarial.ts); absent in results of runs before it existed. */
  readonly adversarial?: AdversarialResult | null;
  /** Mean size of the articles measured, bytes (the cost model's S3 storage). */
  readonly meanArticleBytes: number;
  readonly loadAverageEnd: number;
}
