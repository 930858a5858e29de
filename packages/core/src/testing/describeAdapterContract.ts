import { afterAll, beforeAll, describe, it } from 'vitest'
import { type AdapterContractOptions, type ContractContext, adapterContractChecks, createContractContext } from './runAdapterContract'

/**
 * Registers the conformance suite with vitest: the kit hands its fixture records to
 * `createAdapter` (or writes them into your own schema with `load` first), then checks every
 * method and rule against the memory adapter on the same data. Each check runs to its end and
 * fails once, listing every mismatch it found.
 *
 * ```ts
 * describeAdapterContract({
 *   name: 'my Postgres adapter',
 *   createAdapter: async ({ records, meters }) => {
 *     await loadIntoPostgres(records, meters)
 *     return { adapter: createMyAdapter(pool), insert: (more) => loadIntoPostgres(more, []) }
 *   },
 * })
 *
 * // An existing table that has no columns for some fields:
 * describeAdapterContract({
 *   name: 'LiteLLM spend logs',
 *   load: (records) => insertIntoSpendLogs(records),
 *   lacks: ['userName', 'userEmail'],
 *   createAdapter: () => createSqlAdapter({ dialect: 'postgres', execute, ...litellmSpendLogs() }),
 * })
 * ```
 */
export function describeAdapterContract(options: AdapterContractOptions): void {
  describe(`${options.name} — usagekit adapter contract`, () => {
    let context: ContractContext | undefined
    beforeAll(async () => {
      context = await createContractContext(options)
    }, 120_000)
    afterAll(async () => {
      await context?.subject.cleanup?.()
    })
    for (const check of adapterContractChecks()) {
      it(check.name, async () => {
        if (!context) throw new Error('The adapter under test could not be created (see the beforeAll error).')
        await check.run(context)
      }, 60_000)
    }
  })
}
