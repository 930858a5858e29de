import { afterAll, beforeAll, describe, it } from 'vitest'
import { type AdapterContractOptions, type ContractContext, adapterContractChecks, createContractContext } from './runAdapterContract'

/**
 * Registers the conformance suite with vitest: the kit hands its fixture records to
 * `createAdapter`, then checks every method and rule against the memory adapter on the same data.
 *
 * ```ts
 * describeAdapterContract({
 *   name: 'my Postgres adapter',
 *   createAdapter: async ({ records, meters }) => {
 *     await loadIntoPostgres(records, meters)
 *     return { adapter: createMyAdapter(pool), insert: (more) => loadIntoPostgres(more, []) }
 *   },
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
