export { describeAdapterContract } from './describeAdapterContract'
export { adapterContractChecks, createContractContext, runAdapterContract } from './runAdapterContract'
export type { AdapterContractOptions, ContractCheck, ContractContext, ContractReport, ContractSubject } from './runAdapterContract'
export { CONTRACT_CUSTOMERS, CONTRACT_PRICES, CONTRACT_WINDOWS, contractFixtures } from './contractFixtures'
export type { ContractFixtures, FixtureMover, FixturePerson } from './contractFixtures'
export {
  ContractMismatch,
  MISMATCH_LIST_LIMIT,
  MismatchCollector,
  expectRejection,
  expectSameAnswer,
  expectThat,
  findMismatches,
  formatMismatches,
} from './compareAnswers'
export type { Mismatch } from './compareAnswers'
export { ABSENT_FIELD_VALUES, recordWithout } from './lacks'
export { testAdapter } from './testAdapter'
