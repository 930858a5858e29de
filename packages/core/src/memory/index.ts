export { createMemoryAdapter } from './createMemoryAdapter'
export type { MemoryAdapter, MemoryAdapterOptions } from './createMemoryAdapter'
export { decodeCursor, encodeCursor, querySignature } from './cursor'
export type { CursorPosition, CursorQuery } from './cursor'
