import type { BucketEdges } from './sqlDialect'

/**
 * The bucket index of a row as a balanced `CASE` over the inner edges (the outer ones are the
 * range, which the WHERE clause already keeps): log2(buckets) comparisons a row, for engines
 * without `width_bucket` over an array. Only inner edges are bound.
 */
export function bucketCaseTree(timestamp: string, edges: BucketEdges, cast: (placeholder: string) => string): string {
  const tree = (lo: number, hi: number): string => {
    if (hi - lo <= 1) return String(lo)
    const mid = (lo + hi) >>> 1
    return `CASE WHEN ${timestamp} < ${cast(edges.bind(mid))} THEN ${tree(lo, mid)} ELSE ${tree(mid, hi)} END`
  }
  return tree(0, edges.count - 1)
}
