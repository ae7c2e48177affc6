/**
 * The shape of the model price snapshot. Its own module so the generated `price-table.ts` depends
 * on a type only, not on `models.ts`, the code that consumes it.
 */

/** One model's token prices (USD per 1M tokens, exact decimal strings) from the snapshot. */
export interface ModelRow {
  readonly id: string;
  readonly provider: string;
  readonly input: string;
  readonly output: string;
  readonly cached?: string;
  /** The provider charges more above a prompt-size threshold; the row holds the base tier. */
  readonly tiered?: boolean;
  readonly aliases?: readonly string[];
}

export interface PriceTable {
  readonly source: string;
  readonly version: string;
  /** The date the data is from (the package's publication date). */
  readonly date: string;
  readonly models: readonly ModelRow[];
}
